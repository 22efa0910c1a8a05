/** What each resource method puts on the wire: method, path, query and body. */
import * as live from "./fixtures/live-shapes";
import { testClient } from "./support/client";
import { inOrder, reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serve the given bodies in order and return the client plus a wire log. */
async function script(...bodies: unknown[]) {
  server = await startScriptedServer(inOrder(...bodies.map((body) => (_req: unknown, res: Parameters<typeof reply>[0]) => reply(res, 200, body))));
  const { client } = testClient(server.url);
  const wire = () => server?.requests.map((r) => ({ call: `${r.method} ${r.path}${r.query.size ? `?${r.query}` : ""}`, body: r.body })) ?? [];
  return { client, wire };
}

describe("workspaces", () => {
  it("delete reads the current name, strips the icon emoji and sends {name, force_delete}", async () => {
    const { client, wire } = await script(live.workspaceGet, {});
    await client.workspaces.delete(live.WORKSPACE_UUID, { forceDelete: true });
    expect(wire()).toEqual([
      { call: `GET /admin/workspaces/${live.WORKSPACE_UUID}`, body: undefined },
      { call: `DELETE /admin/workspaces/${live.WORKSPACE_UUID}`, body: { name: "Production", force_delete: true } },
    ]);
  });

  it("create takes the POST's answer when it is the full workspace (fact sheet §7.1): no read-back", async () => {
    const { client, wire } = await script(live.workspaceGet);
    const ws = await client.workspaces.create({ name: "Production", icon: "🚀" });
    expect(ws).toMatchObject({ id: live.WORKSPACE_UUID, slug: live.WORKSPACE_SLUG, name: "Production", defaults: { metadata: { team: "platform" } } });
    expect(wire().map((c) => c.call)).toEqual(["POST /admin/workspaces"]);
  });

  it("create re-reads when the POST answers only {id, slug}; a read-back that fails for good deletes the new workspace", async () => {
    const { client, wire } = await script({ id: live.WORKSPACE_UUID, slug: live.WORKSPACE_SLUG }, live.workspaceGet);
    expect(await client.workspaces.create({ name: "Production" })).toMatchObject({ id: live.WORKSPACE_UUID, name: "Production" });
    expect(wire().map((c) => c.call)).toEqual(["POST /admin/workspaces", `GET /admin/workspaces/${live.WORKSPACE_UUID}`]);
    await server?.close();

    const unavailable = (_req: unknown, res: Parameters<typeof reply>[0]) => reply(res, 503, { message: "unavailable" });
    server = await startScriptedServer(inOrder((_req, res) => reply(res, 200, { id: "ws-new" }), unavailable, unavailable, (_req, res) => reply(res, 200, {})));
    const failing = testClient(server.url, { maxAttempts: 2 }).client;
    await expect(failing.workspaces.create({ name: "Staging" })).rejects.toThrow(/deleted again so that the next apply does not create a duplicate/);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /admin/workspaces", "GET /admin/workspaces/ws-new", "GET /admin/workspaces/ws-new", "DELETE /admin/workspaces/ws-new"]);
    expect(server.requests[3].body).toEqual({ name: "Staging", force_delete: true });
  });

  it("identify answers from any workspace already seen (created, read or listed); one GET for an unseen one", async () => {
    const other = { ...live.workspaceGet, id: "7c2f0000-0000-4000-8000-000000000002", slug: "ws-stagin-0b1c2d", name: "Staging" };
    const { client, wire } = await script(live.workspaceGet, { object: "list", total: 1, data: [other] }, { ...live.workspaceGet, id: "u-3", slug: "ws-third-3" });
    await client.workspaces.create({ name: "Production" });
    await client.workspaces.list();
    expect(await client.workspaces.identify(live.WORKSPACE_UUID)).toEqual({ id: live.WORKSPACE_UUID, slug: live.WORKSPACE_SLUG });
    expect(await client.workspaces.identify(live.WORKSPACE_SLUG)).toEqual({ id: live.WORKSPACE_UUID, slug: live.WORKSPACE_SLUG });
    expect(await client.workspaces.identify(other.slug)).toEqual({ id: other.id, slug: other.slug });
    expect(await client.workspaces.identify("u-3")).toEqual({ id: "u-3", slug: "ws-third-3" });
    expect(await client.workspaces.identify("ws-third-3")).toEqual({ id: "u-3", slug: "ws-third-3" });
    expect(wire().map((c) => c.call)).toEqual(["POST /admin/workspaces", "GET /admin/workspaces?current_page=0&page_size=50", "GET /admin/workspaces/u-3"]);
  });

  it("delete with a caller-given emoji name strips it too and defaults force_delete to false", async () => {
    const { client, wire } = await script({});
    await client.workspaces.delete("ws-1", { name: "🧪 Staging" });
    expect(wire()).toEqual([{ call: "DELETE /admin/workspaces/ws-1", body: { name: "Staging", force_delete: false } }]);
  });
});

describe("providers", () => {
  it("sends workspace_id in the create body, and in both query and body on update", async () => {
    const { client, wire } = await script({ id: live.providerGet.id, slug: "vertex-prod" }, live.providerGet, {}, live.providerGet);
    await client.providers.create({ name: "p", integration_id: "vertex-prod", workspace_id: live.WORKSPACE_UUID, slug: "vertex-prod", rate_limits: [{ type: "requests", unit: "rpm", value: 100 }] });
    await client.providers.update(live.providerGet.id, live.WORKSPACE_UUID, { note: null, usage_limits: null });
    const calls = wire();
    expect(calls[0]).toEqual({ call: "POST /providers", body: { name: "p", integration_id: "vertex-prod", workspace_id: live.WORKSPACE_UUID, slug: "vertex-prod", rate_limits: [{ type: "requests", unit: "rpm", value: 100 }] } });
    expect(calls[1].call).toBe(`GET /providers/${live.providerGet.id}?workspace_id=${live.WORKSPACE_UUID}`);
    expect(calls[2]).toEqual({ call: `PUT /providers/${live.providerGet.id}?workspace_id=${live.WORKSPACE_UUID}`, body: { note: null, usage_limits: null, workspace_id: live.WORKSPACE_UUID } });
  });
});

describe("integrations", () => {
  it("workspace access and model PUTs are followed by a fresh listing; custom-model delete uses ?slugs=", async () => {
    const { client, wire } = await script({}, live.integrationWorkspacesGet, {}, live.integrationModelsGet, {});
    const access = await client.integrations.putWorkspaces("vertex-prod", { workspaces: [{ id: live.WORKSPACE_UUID, enabled: true, usage_limits: [{ type: "cost", credit_limit: 10 }] }] });
    expect(access.total).toBe(1);
    const models = await client.integrations.putModels("vertex-prod", { allow_all_models: false, models: [{ slug: "claude-sonnet-4@20250514", enabled: true }] });
    expect(models.models).toHaveLength(2);
    await client.integrations.deleteCustomModels("vertex-prod", ["my-tuned", "other"]);
    expect(wire().map((c) => c.call)).toEqual([
      "PUT /integrations/vertex-prod/workspaces",
      "GET /integrations/vertex-prod/workspaces",
      "PUT /integrations/vertex-prod/models",
      "GET /integrations/vertex-prod/models",
      "DELETE /integrations/vertex-prod/models?slugs=my-tuned%2Cother",
    ]);
  });

  it("with readBack: false a workspace-access or model PUT is sent alone and resolves to nothing", async () => {
    const { client, wire } = await script({}, {});
    expect(await client.integrations.putWorkspaces("vertex-prod", { workspaces: [{ id: live.WORKSPACE_SLUG, enabled: false }] }, { readBack: false })).toBeUndefined();
    expect(await client.integrations.putModels("vertex-prod", { allow_all_models: true, models: [] }, { readBack: false })).toBeUndefined();
    expect(wire().map((c) => c.call)).toEqual(["PUT /integrations/vertex-prod/workspaces", "PUT /integrations/vertex-prod/models"]);
  });

  it("list passes the workspace and type filters", async () => {
    const { client, wire } = await script({ total: 1, data: [live.integrationGet] });
    await client.integrations.list({ workspace_id: "ws-1", type: "workspace" });
    expect(wire()[0].call).toBe("GET /integrations?workspace_id=ws-1&type=workspace&current_page=0&page_size=50");
  });
});

describe("API keys, configs, policies, virtual keys", () => {
  it("API key update reads the key back, or with readBack: false sends only the PUT", async () => {
    const { client, wire } = await script({}, live.apiKeyGet, {});
    expect((await client.apiKeys.update(live.apiKeyGet.id, { description: "claude code" })).id).toBe(live.apiKeyGet.id);
    expect(await client.apiKeys.update(live.apiKeyGet.id, { description: "claude code" }, { readBack: false })).toBeUndefined();
    expect(wire().map((c) => c.call)).toEqual([`PUT /api-keys/${live.apiKeyGet.id}`, `GET /api-keys/${live.apiKeyGet.id}`, `PUT /api-keys/${live.apiKeyGet.id}`]);
  });

  it("rotate posts the transition period and returns the new secret", async () => {
    const { client, wire } = await script({ id: "k1", key: "pk-new-secret-123456", key_transition_expires_at: "2026-06-11T13:00:00.000Z" });
    const rotated = await client.apiKeys.rotate("k1", { key_transition_period_ms: 1_800_000 });
    expect(rotated).toEqual({ id: "k1", secret: "pk-new-secret-123456", key_transition_expires_at: "2026-06-11T13:00:00.000Z" });
    expect(wire()).toEqual([{ call: "POST /api-keys/k1/rotate", body: { key_transition_period_ms: 1_800_000 } }]);
  });

  it("config versions read the versions listing with configs as objects", async () => {
    const { client, wire } = await script({ object: "list", total: 2, data: [live.configGet, { ...live.configGet, version_id: "v-0002" }] });
    const versions = await client.configs.versions("pc-vertex-8a7b6c");
    expect(versions.map((v) => [v.version_id, typeof v.config])).toEqual([["v-0001", "object"], ["v-0002", "object"]]);
    expect(wire()[0].call).toMatch(/^GET \/configs\/pc-vertex-8a7b6c\/versions/);
  });

  it("policy create re-reads by the returned id; delete archives with DELETE", async () => {
    const { client, wire } = await script({ id: "pol-rate-1", object: "policy_rate_limits" }, live.rateLimitsPolicyGet, {});
    const policy = await client.rateLimitsPolicies.create({ name: "team rpm", conditions: [{ key: "api_key", value: "a91c0de0" }], group_by: [{ key: "api_key" }], type: "requests", unit: "rpm", value: 60 });
    expect(policy.id).toBe("pol-rate-1");
    await client.rateLimitsPolicies.delete("pol-rate-1");
    expect(wire().map((c) => c.call)).toEqual(["POST /policies/rate-limits", "GET /policies/rate-limits/pol-rate-1", "DELETE /policies/rate-limits/pol-rate-1"]);
  });

  it("virtual key create unwraps {success, data:{slug}} and re-reads by slug", async () => {
    const { client, wire } = await script({ success: true, data: { slug: live.virtualKeyGet.slug } }, live.virtualKeyGet);
    const vk = await client.virtualKeys.create({ name: "vertex legacy", provider: "vertex-ai", key: "ya29.access-token-xyz", vertexProjectId: "my-project", vertexRegion: "us-central1" });
    expect(vk.slug).toBe(live.virtualKeyGet.slug);
    expect(wire()[1].call).toBe(`GET /virtual-keys/${live.virtualKeyGet.slug}`);
    expect(client.secrets.scrub("token ya29.access-token-xyz")).toBe("token [REDACTED]");
  });
});

describe("a create whose read-back fails for good deletes what it made (no 409 AB07 on the next apply)", () => {
  const unavailable = (_req: unknown, res: Parameters<typeof reply>[0]) => reply(res, 503, { message: "unavailable" });
  const ok = (body: unknown) => (_req: unknown, res: Parameters<typeof reply>[0]) => reply(res, 200, body);

  it("providers", async () => {
    server = await startScriptedServer(inOrder(ok({ id: "prov-1", slug: "team-vertex" }), unavailable, unavailable, ok({})));
    const { client } = testClient(server.url, { maxAttempts: 2 });
    const input = { name: "Team", slug: "team-vertex", integration_id: "vertex-prod", workspace_id: live.WORKSPACE_UUID };
    await expect(client.providers.create(input)).rejects.toThrow(/deleted again so that the next apply does not create a duplicate/);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /providers", "GET /providers/prov-1", "GET /providers/prov-1", "DELETE /providers/prov-1"]);
  });

  it("integrations", async () => {
    server = await startScriptedServer(inOrder(ok({ id: "int-1", slug: "vertex-prod" }), unavailable, unavailable, ok({})));
    const { client } = testClient(server.url, { maxAttempts: 2 });
    const input = { name: "Vertex", slug: "vertex-prod", ai_provider_id: "vertex-ai", configurations: { vertex_auth_type: "serviceAccount", vertex_region: "us-east5" } };
    await expect(client.integrations.create(input)).rejects.toThrow(/deleted again so that the next apply does not create a duplicate/);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /integrations", "GET /integrations/vertex-prod", "GET /integrations/vertex-prod", "DELETE /integrations/vertex-prod"]);
  });
});
