/** Lists read every page: 0-based `current_page`, stop on a short page or when count reaches total. */
import { testClient } from "./support/client";
import { reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const workspaces = Array.from({ length: 7 }, (_, i) => ({ id: `id-${i}`, name: `team-${i}` }));

function pagedServer(options: { withTotal: boolean; ignorePaging?: boolean }) {
  return startScriptedServer((req, res) => {
    const page = options.ignorePaging ? 0 : Number(req.query.get("current_page"));
    const size = Number(req.query.get("page_size"));
    const data = workspaces.slice(page * size, page * size + size);
    reply(res, 200, { object: "list", ...(options.withTotal ? { total: workspaces.length } : {}), data });
  });
}

describe("pagination", () => {
  it("reads three pages starting at page 0 and stops on the short last page", async () => {
    server = await pagedServer({ withTotal: false });
    const { client } = testClient(server.url, { pageSize: 3 });
    const all = await client.workspaces.list({ status: "active" });
    expect(all.map((w) => w.id)).toEqual(workspaces.map((w) => w.id));
    expect(server.requests.map((r) => r.query.get("current_page"))).toEqual(["0", "1", "2"]);
    expect(server.requests.every((r) => r.query.get("page_size") === "3" && r.query.get("status") === "active")).toBe(true);
  });

  it("stops when the running count reaches total, without asking for an empty page", async () => {
    server = await pagedServer({ withTotal: true });
    const { client } = testClient(server.url, { pageSize: 7 });
    expect(await client.workspaces.list()).toHaveLength(7);
    expect(server.requests).toHaveLength(1);
  });

  it("asks once more after a full page when there is no total, and stops on the empty page", async () => {
    server = await pagedServer({ withTotal: false });
    const { client } = testClient(server.url, { pageSize: 7 });
    expect(await client.workspaces.list()).toHaveLength(7);
    expect(server.requests).toHaveLength(2);
  });

  it("does not loop forever on a server that ignores current_page", async () => {
    server = await pagedServer({ withTotal: false, ignorePaging: true });
    const { client } = testClient(server.url, { pageSize: 3 });
    expect((await client.workspaces.list()).map((w) => w.id)).toEqual(["id-0", "id-1", "id-2"]);
    expect(server.requests).toHaveLength(2);
  });
});
