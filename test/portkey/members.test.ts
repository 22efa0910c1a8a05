/**
 * Users, invites and workspace members (fact sheet §12) against a scripted server: the
 * camelCase paging of /admin/users, a member GET without `id`, `ws-` roles, no duplicate invite
 * after a dropped create, and the 400 on a role update that changes nothing.
 */
import type { ServerResponse } from "node:http";
import { PortkeyApiError } from "../../src/portkey";
import { testClient } from "./support/client";
import { dropConnection, type RecordedRequest, reply, routes, type ScriptedServer, startScriptedServer } from "./support/scripted-server";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const user = (n: number, email = `dev${n}@example.com`) => ({ id: `u-${n}`, email, first_name: "Dev", last_name: `${n}`, role: "member", created_at: "2026-01-01T00:00:00.000Z" });

describe("users", () => {
  it("pages /admin/users with camelCase currentPage/pageSize until a short page", async () => {
    const all = Array.from({ length: 5 }, (_, i) => user(i));
    server = await startScriptedServer((req, res) => {
      const page = Number(req.query.get("currentPage"));
      const size = Number(req.query.get("pageSize"));
      reply(res, 200, { object: "list", total: all.length, data: all.slice(page * size, page * size + size) });
    });
    const { client } = testClient(server.url, { pageSize: 2 });
    const users = await client.users.list();
    expect(users.map((u) => u.id)).toEqual(["u-0", "u-1", "u-2", "u-3", "u-4"]);
    expect(server.requests.map((r) => [r.query.get("currentPage"), r.query.get("pageSize"), r.query.get("current_page")])).toEqual([
      ["0", "2", null],
      ["1", "2", null],
      ["2", "2", null],
    ]);
  });

  it("finds a user by email, case-insensitively, ignoring near matches the filter let through", async () => {
    server = await startScriptedServer((req, res) => {
      expect(req.query.get("email")).toBe("Ana@Example.com");
      reply(res, 200, { object: "list", total: 2, data: [user(1, "xana@example.com"), user(2, "ana@example.com")] });
    });
    const { client } = testClient(server.url);
    expect((await client.users.findByEmail(" Ana@Example.com "))?.id).toBe("u-2");
  });

  it("answers undefined when nobody has the email", async () => {
    server = await startScriptedServer((_req, res) => reply(res, 200, { object: "list", total: 0, data: [] }));
    const { client } = testClient(server.url);
    expect(await client.users.findByEmail("nobody@example.com")).toBeUndefined();
  });
});

describe("invites", () => {
  /** A stateful invites collection; `drops` POSTs are applied and then the connection is cut. */
  function invitesServer(drops: number) {
    const invites: Record<string, unknown>[] = [];
    return (req: RecordedRequest, res: ServerResponse) => {
      if (req.method === "POST" && req.path === "/admin/users/invites") {
        const body = req.body as Record<string, unknown>;
        const created = { id: `inv-${invites.length + 1}`, email: body.email, role: body.role, status: "pending", workspaces: body.workspaces ?? [], created_at: "2026-01-01T00:00:00.000Z" };
        invites.push(created);
        if (drops-- > 0) return dropConnection(res);
        return reply(res, 200, { id: created.id, invite_link: "https://app.portkey.ai/invite/secret-token" });
      }
      if (req.method === "GET" && req.path === "/admin/users/invites") {
        const email = req.query.get("email");
        return reply(res, 200, { object: "list", total: invites.length, data: invites.filter((i) => !email || i.email === email) });
      }
      const found = invites.find((i) => req.path === `/admin/users/invites/${i.id}`);
      if (req.method === "GET" && found) return reply(res, 200, { ...found, workspaces: [{ id: "ws-team", role: "ws-member" }] });
      reply(res, 404, { errorCode: "AB08", message: "not found" });
    };
  }

  it("creates with one POST and one read-back, normalising `ws-` workspace roles", async () => {
    server = await startScriptedServer(invitesServer(0));
    const { client } = testClient(server.url);
    const created = await client.invites.create({ email: "ana@example.com", role: "member", workspaces: [{ id: "ws-team", role: "member" }] });
    expect(created).toMatchObject({ id: "inv-1", email: "ana@example.com", status: "pending", workspaces: [{ id: "ws-team", role: "member" }] });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /admin/users/invites", "GET /admin/users/invites/inv-1"]);
    expect(JSON.stringify(created)).not.toContain("secret-token");
    expect(client.secrets.scrub("joined via https://app.portkey.ai/invite/secret-token")).not.toContain("secret-token");
  });

  it("after a dropped create, finds the invite by email instead of sending a second one", async () => {
    server = await startScriptedServer(invitesServer(1));
    const { client } = testClient(server.url);
    const created = await client.invites.create({ email: "ana@example.com", role: "member" });
    expect(created.id).toBe("inv-1");
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    const lookup = server.requests.find((r) => r.method === "GET" && r.path === "/admin/users/invites");
    expect(lookup?.query.get("email")).toBe("ana@example.com");
  });

  it("refuses a bad email or role before sending anything", async () => {
    server = await startScriptedServer((_req, res) => reply(res, 500));
    const { client } = testClient(server.url);
    await expect(client.invites.create({ email: "not-an-email", role: "member" })).rejects.toThrow(/email: must be an email address/);
    await expect(client.invites.create({ email: "a@b.c", role: "owner" as "admin" })).rejects.toThrow(/role/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("workspace members", () => {
  it("fills in the id a member GET omits and strips the `ws-` role prefix", async () => {
    server = await startScriptedServer(
      routes({
        "GET /admin/workspaces/ws-team/users/u-1": (_req, res) => reply(res, 200, { email: "ana@example.com", role: "ws-manager", created_at: "2026-01-01T00:00:00.000Z" }),
      }),
    );
    const { client } = testClient(server.url);
    expect(await client.workspaceMembers.get("ws-team", "u-1")).toEqual({ id: "u-1", email: "ana@example.com", role: "manager", created_at: "2026-01-01T00:00:00.000Z" });
  });

  it("rejects a member GET that names another user", async () => {
    server = await startScriptedServer(routes({ "GET /admin/workspaces/ws-team/users/u-1": (_req, res) => reply(res, 200, { id: "u-9", role: "member" }) }));
    const { client } = testClient(server.url);
    await expect(client.workspaceMembers.get("ws-team", "u-1")).rejects.toThrow(/answered member "u-9", not the user asked for/);
  });

  it("adds with {users:[{id, role}]} and reads the membership back", async () => {
    server = await startScriptedServer(
      routes({
        "POST /admin/workspaces/ws-team/users": (_req, res) => reply(res, 200, {}),
        "GET /admin/workspaces/ws-team/users/u-1": (_req, res) => reply(res, 200, { id: "u-1", role: "ws-admin" }),
      }),
    );
    const { client } = testClient(server.url);
    expect((await client.workspaceMembers.add("ws-team", "u-1", "admin")).role).toBe("admin");
    expect(server.requests[0]?.body).toEqual({ users: [{ id: "u-1", role: "admin" }] });
    expect(server.requests).toHaveLength(2);
  });

  it("after a dropped add, finds the membership by GET instead of adding again", async () => {
    let member: Record<string, unknown> | undefined;
    server = await startScriptedServer(
      routes({
        "POST /admin/workspaces/ws-team/users": (_req, res) => {
          member = { role: "ws-member" };
          dropConnection(res);
        },
        "GET /admin/workspaces/ws-team/users/u-1": (_req, res) => (member ? reply(res, 200, member) : reply(res, 404, { errorCode: "AB08", message: "not found" })),
      }),
    );
    const { client } = testClient(server.url);
    expect(await client.workspaceMembers.add("ws-team", "u-1", "member")).toMatchObject({ id: "u-1", role: "member" });
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("lists with snake_case paging, skipping rows without any id", async () => {
    server = await startScriptedServer((req, res) => {
      expect(req.query.get("current_page")).toBe("0");
      reply(res, 200, { object: "list", total: 3, data: [{ id: "u-1", role: "ws-admin" }, { user_id: "u-2", role: "member" }, { role: "member" }] });
    });
    const { client } = testClient(server.url);
    expect((await client.workspaceMembers.list("ws-team")).map((m) => [m.id, m.role])).toEqual([
      ["u-1", "admin"],
      ["u-2", "member"],
    ]);
  });

  it("a role update Portkey refuses as unchanged (400) succeeds when the role is already set", async () => {
    server = await startScriptedServer(
      routes({
        "PUT /admin/workspaces/ws-team/users/u-1": (_req, res) => reply(res, 400, { errorCode: "AB01", message: "role is the same" }),
        "GET /admin/workspaces/ws-team/users/u-1": (_req, res) => reply(res, 200, { role: "ws-admin" }),
      }),
    );
    const { client } = testClient(server.url);
    expect((await client.workspaceMembers.updateRole("ws-team", "u-1", "admin")).role).toBe("admin");
    await expect(client.workspaceMembers.updateRole("ws-team", "u-1", "manager")).rejects.toBeInstanceOf(PortkeyApiError);
  });
});
