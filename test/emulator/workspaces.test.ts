/**
 * The Admin API basics through workspaces: admin-key check, envelopes, paging, validation
 * errors that name the field, and the delete rules (name in the body, 409 without force_delete,
 * cascade with it, 403 for a workspace that does not exist).
 */
import { ADMIN_KEY, type Api, client, seedTeam, useEmulator } from "./harness";

const suite = useEmulator();
const api: Api = (...args) => suite.api(...args);

describe("admin key", () => {
  it("rejects a missing or wrong x-portkey-api-key with 401 AB05 and never echoes the key", async () => {
    const missing = await client(suite.emulator, null)("GET", "/v1/admin/workspaces");
    const wrong = await client(suite.emulator, "not-the-admin-key")("GET", "/v1/admin/workspaces");
    expect(missing.status).toBe(401);
    expect(wrong.body).toEqual({ success: false, data: { errorCode: "AB05", message: expect.stringContaining("x-portkey-api-key") } });
    expect(JSON.stringify(wrong.body)).not.toContain("not-the-admin-key");
  });

  it("serves emulator.adminUrl as url + /v1", () => {
    expect(suite.emulator.adminUrl).toBe(`${suite.emulator.url}/v1`);
    expect(suite.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe("workspaces", () => {
  it("creates with a ws-<name6>-<hex6> slug and reads the name back prefixed with the icon", async () => {
    const created = await api("POST", "/v1/admin/workspaces", { name: "Platform Team", description: "infra" });
    expect(created.status).toBe(200);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.slug).toMatch(/^ws-platfo-[0-9a-f]{6}$/);
    const read = await api("GET", `/v1/admin/workspaces/${created.body.slug}`);
    expect(read.body).toMatchObject({ id: created.body.id, name: "🚀 Platform Team", icon: "🚀", is_default: 0, object: "workspace", usage_limits: [], defaults: null });
    expect(read.body.last_updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const noIcon = await api("POST", "/v1/admin/workspaces", { name: "Plain", icon: "" });
    expect(noIcon.body.name).toBe("Plain");
  });

  it("answers an update with {} and applies it", async () => {
    const { body: ws } = await api("POST", "/v1/admin/workspaces", { name: "Old" });
    const update = await api("PUT", `/v1/admin/workspaces/${ws.id}`, { name: "New", icon: "🧪", usage_limits: [{ type: "cost", credit_limit: 100 }] });
    expect(update).toMatchObject({ status: 200, body: {} });
    const read = await api("GET", `/v1/admin/workspaces/${ws.id}`);
    expect(read.body).toMatchObject({ name: "🧪 New", usage_limits: [{ type: "cost", credit_limit: 100 }] });
  });

  it("answers 403 AB03 (not 404) for a workspace that does not exist", async () => {
    const read = await api("GET", "/v1/admin/workspaces/ws-nothere-000000");
    expect(read.status).toBe(403);
    expect(read.body.data.errorCode).toBe("AB03");
  });

  it("names the offending field in a 400 AB01", async () => {
    const noName = await api("POST", "/v1/admin/workspaces", { description: "x" });
    expect(noName.status).toBe(400);
    expect(noName.body.data).toMatchObject({ errorCode: "AB01", message: expect.stringContaining("name:") });
    const badLimit = await api("POST", "/v1/admin/workspaces", { name: "X", usage_limits: [{ type: "euros", credit_limit: 1 }] });
    expect(badLimit.body.data.message).toContain("usage_limits.0.type");
  });

  it("rejects a body that is not JSON with 400 AB01", async () => {
    const response = await fetch(`${suite.emulator.adminUrl}/admin/workspaces`, { method: "POST", headers: { "x-portkey-api-key": ADMIN_KEY }, body: "{name:" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { data: { message: string } }).data.message).toContain("not valid JSON");
  });

  it("pages lists with 0-based current_page and page_size inside the list envelope", async () => {
    for (const name of ["a", "b", "c", "d", "e"]) await api("POST", "/v1/admin/workspaces", { name });
    const first = await api("GET", "/v1/admin/workspaces?current_page=0&page_size=2");
    const last = await api("GET", "/v1/admin/workspaces?current_page=2&page_size=2");
    expect(first.body).toMatchObject({ object: "list", total: 5 });
    expect(first.body.data.map((ws: { name: string }) => ws.name)).toEqual(["🚀 a", "🚀 b"]);
    expect(last.body.data.map((ws: { name: string }) => ws.name)).toEqual(["🚀 e"]);
    const bad = await api("GET", "/v1/admin/workspaces?current_page=-1");
    expect(bad.body.data.message).toContain("current_page");
  });

  it("filters by exact_name against the name without its icon", async () => {
    await api("POST", "/v1/admin/workspaces", { name: "Team A" });
    await api("POST", "/v1/admin/workspaces", { name: "Team AB" });
    const exact = await api("GET", `/v1/admin/workspaces?exact_name=${encodeURIComponent("Team A")}`);
    expect(exact.body.total).toBe(1);
  });
});

describe("workspace delete", () => {
  it("needs a JSON body whose name matches (an icon-prefixed name is an invalid value)", async () => {
    const { body: ws } = await api("POST", "/v1/admin/workspaces", { name: "Empty" });
    expect((await api("DELETE", `/v1/admin/workspaces/${ws.id}`)).status).toBe(400);
    const prefixed = await api("DELETE", `/v1/admin/workspaces/${ws.id}`, { name: "🚀 Empty" });
    expect(prefixed.body.data).toMatchObject({ errorCode: "AB01", message: expect.stringContaining("without the icon") });
    expect(await api("DELETE", `/v1/admin/workspaces/${ws.id}`, { name: "Empty" })).toMatchObject({ status: 200, body: {} });
    expect((await api("GET", `/v1/admin/workspaces/${ws.id}`)).status).toBe(403);
  });

  it("refuses with 409 AB07 while providers, configs or keys exist, and cascades with force_delete", async () => {
    const team = await seedTeam(api);
    await api("POST", "/v1/configs", { name: "routing", workspace_id: team.workspace.id, config: { provider: `@${team.providerSlug}` } });
    const refused = await api("DELETE", `/v1/admin/workspaces/${team.workspace.id}`, { name: "Team A" });
    expect(refused.status).toBe(409);
    expect(refused.body.data).toMatchObject({ errorCode: "AB07", message: expect.stringContaining("1 provider(s), 1 config(s) and 1 API key(s)") });

    const forced = await api("DELETE", `/v1/admin/workspaces/${team.workspace.id}`, { name: "Team A", force_delete: true });
    expect(forced.status).toBe(200);
    expect(suite.emulator.counts()).toMatchObject({ workspaces: 0, providers: 0, configs: 0, apiKeys: 0, integrations: 1 });
    const access = await api("GET", `/v1/integrations/${team.integration.slug}/workspaces`);
    expect(access.body).toEqual({ total: 0, workspaces: [] });
  });
});
