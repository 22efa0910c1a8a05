/**
 * Users, invites and workspace members on the emulator (fact sheet §12): camelCase paging of
 * /admin/users, invites that turn into users through the inspection hook, the member GET quirk
 * (no id, `ws-` role), the unchanged-role 400, and the 409s for duplicates.
 */
import { type Api, useEmulator } from "./harness";

const suite = useEmulator();
const api: Api = (...args) => suite.api(...args);

async function workspace(name = "Team A") {
  return (await api("POST", "/v1/admin/workspaces", { name })).body as { id: string; slug: string };
}

async function invitedUser(email: string, workspaces: Array<{ id: string; role: string }> = []) {
  const created = await api("POST", "/v1/admin/users/invites", { email, role: "member", workspaces });
  expect(created.status).toBe(200);
  const accepted = await api("POST", `/_emulator/invites/${created.body.id}/accept`, { first_name: "Ana" });
  expect(accepted.status).toBe(200);
  return { inviteId: created.body.id as string, userId: accepted.body.id as string };
}

describe("invites", () => {
  it("creates {id, invite_link}, reads back with workspace slugs and ws- roles, lists by email and status", async () => {
    const ws = await workspace();
    const created = await api("POST", "/v1/admin/users/invites", { email: "ana@example.com", role: "member", workspaces: [{ id: ws.id, role: "manager" }] });
    expect(created.body).toEqual({ id: expect.any(String), invite_link: expect.stringMatching(/^https:\/\//) });
    const read = await api("GET", `/v1/admin/users/invites/${created.body.id}`);
    expect(read.body).toMatchObject({ object: "invite", email: "ana@example.com", role: "member", status: "pending", workspaces: [{ id: ws.slug, role: "ws-manager" }] });
    const listed = await api("GET", "/v1/admin/users/invites?email=ANA@example.com&status=pending");
    expect(listed.body.data.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    expect((await api("GET", "/v1/admin/users/invites?status=accepted")).body.data).toEqual([]);
  });

  it("refuses an invite for an existing user (409 AB07), a bad email and an unknown workspace", async () => {
    await invitedUser("bo@example.com");
    const existing = await api("POST", "/v1/admin/users/invites", { email: "Bo@example.com", role: "member" });
    expect(existing.status).toBe(409);
    expect(existing.body.data.errorCode).toBe("AB07");
    const bad = await api("POST", "/v1/admin/users/invites", { email: "nope", role: "owner" });
    expect(bad.status).toBe(400);
    expect(bad.body.data.message).toMatch(/email: .*role: /);
    expect((await api("POST", "/v1/admin/users/invites", { email: "c@example.com", role: "member", workspaces: [{ id: "ws-missing", role: "member" }] })).status).toBe(403);
  });

  it("accepting makes the user and the memberships the invite names; the invite reads accepted; twice is 409", async () => {
    const ws = await workspace();
    const { inviteId, userId } = await invitedUser("ana@example.com", [{ id: ws.slug, role: "admin" }]);
    expect((await api("GET", `/v1/admin/users/invites/${inviteId}`)).body).toMatchObject({ status: "accepted", accepted_at: expect.any(String) });
    expect((await api("GET", `/v1/admin/users/${userId}`)).body).toMatchObject({ object: "user", id: userId, email: "ana@example.com", first_name: "Ana", role: "member" });
    expect((await api("GET", `/v1/admin/workspaces/${ws.id}/users/${userId}`)).body.role).toBe("ws-admin");
    expect((await api("POST", `/_emulator/invites/${inviteId}/accept`)).status).toBe(409);
    expect(suite.emulator.members().users).toHaveLength(1);
  });

  it("deletes an invite; a deleted one reads 404 AB08", async () => {
    const created = await api("POST", "/v1/admin/users/invites", { email: "ana@example.com", role: "member" });
    expect((await api("DELETE", `/v1/admin/users/invites/${created.body.id}`)).status).toBe(200);
    const gone = await api("GET", `/v1/admin/users/invites/${created.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.data.errorCode).toBe("AB08");
  });

  it("accepts a second invite for a pending email (a twin) and reports the pair as duplicates", async () => {
    const first = await api("POST", "/v1/admin/users/invites", { email: "ana@example.com", role: "member" });
    expect(suite.emulator.duplicates()).toEqual([]);
    const second = await api("POST", "/v1/admin/users/invites", { email: "Ana@example.com", role: "member" });
    expect(second.status).toBe(200);
    expect(suite.emulator.duplicates()).toEqual([{ kind: "invite", naturalKey: "email=ana@example.com", ids: [first.body.id, second.body.id] }]);
  });
});

describe("inspection", () => {
  it("GET /_emulator/members shows users, invites and memberships; accepting an unknown invite is 404", async () => {
    const ws = await workspace();
    const { userId } = await invitedUser("ana@example.com", [{ id: ws.id, role: "member" }]);
    const shown = await api("GET", "/_emulator/members");
    expect(shown.body.users).toEqual([expect.objectContaining({ id: userId, email: "ana@example.com" })]);
    expect(shown.body.invites).toEqual([expect.objectContaining({ status: "accepted" })]);
    expect(shown.body.members).toEqual([expect.objectContaining({ workspace_id: ws.id, user_id: userId, role: "member" })]);
    expect((await api("POST", "/_emulator/invites/nope/accept")).status).toBe(404);
  });
});

describe("users", () => {
  it("pages with camelCase currentPage/pageSize and filters by email", async () => {
    for (const name of ["a", "b", "c"]) await invitedUser(`${name}@example.com`);
    const first = await api("GET", "/v1/admin/users?currentPage=0&pageSize=2");
    const second = await api("GET", "/v1/admin/users?currentPage=1&pageSize=2");
    expect(first.body.total).toBe(3);
    expect(first.body.data).toHaveLength(2);
    expect(second.body.data).toHaveLength(1);
    expect((await api("GET", "/v1/admin/users?email=B@example.com")).body.data.map((u: { email: string }) => u.email)).toEqual(["b@example.com"]);
  });

  it("deleting a user removes their memberships", async () => {
    const ws = await workspace();
    const { userId } = await invitedUser("ana@example.com", [{ id: ws.id, role: "member" }]);
    expect((await api("DELETE", `/v1/admin/users/${userId}`)).status).toBe(200);
    expect(suite.emulator.members().members).toEqual([]);
    expect((await api("GET", `/v1/admin/users/${userId}`)).status).toBe(404);
  });
});

describe("workspace members", () => {
  it("adds, reads (no id, ws- role), lists (with id), updates the role and removes", async () => {
    const ws = await workspace();
    const { userId } = await invitedUser("ana@example.com");
    expect((await api("POST", `/v1/admin/workspaces/${ws.id}/users`, { users: [{ id: userId, role: "member" }] })).body).toEqual({});
    const read = await api("GET", `/v1/admin/workspaces/${ws.slug}/users/${userId}`);
    expect(read.body).toMatchObject({ role: "ws-member", email: "ana@example.com" });
    expect(read.body.id).toBeUndefined();
    expect((await api("GET", `/v1/admin/workspaces/${ws.id}/users`)).body.data).toEqual([expect.objectContaining({ id: userId, role: "member" })]);
    expect((await api("PUT", `/v1/admin/workspaces/${ws.id}/users/${userId}`, { role: "admin" })).status).toBe(200);
    const same = await api("PUT", `/v1/admin/workspaces/${ws.id}/users/${userId}`, { role: "admin" });
    expect(same.status).toBe(400);
    expect(same.body.data.errorCode).toBe("AB01");
    expect((await api("DELETE", `/v1/admin/workspaces/${ws.id}/users/${userId}`)).status).toBe(200);
    expect((await api("GET", `/v1/admin/workspaces/${ws.id}/users/${userId}`)).status).toBe(404);
  });

  it("refuses adding twice (409), an unknown user (404), a bad role (400), and a missing workspace (403)", async () => {
    const ws = await workspace();
    const { userId } = await invitedUser("ana@example.com", [{ id: ws.id, role: "member" }]);
    expect((await api("POST", `/v1/admin/workspaces/${ws.id}/users`, { users: [{ id: userId, role: "member" }] })).status).toBe(409);
    expect((await api("POST", `/v1/admin/workspaces/${ws.id}/users`, { users: [{ id: "nobody", role: "member" }] })).status).toBe(404);
    expect((await api("POST", `/v1/admin/workspaces/${ws.id}/users`, { users: [{ id: userId, role: "owner" }] })).status).toBe(400);
    expect((await api("GET", `/v1/admin/workspaces/ws-missing/users/${userId}`)).status).toBe(403);
  });

  it("a workspace deleted with force_delete takes its memberships with it", async () => {
    const ws = await workspace();
    await invitedUser("ana@example.com", [{ id: ws.id, role: "member" }]);
    await api("DELETE", `/v1/admin/workspaces/${ws.id}`, { name: "Team A", force_delete: true });
    expect(suite.emulator.members().members).toEqual([]);
  });
});
