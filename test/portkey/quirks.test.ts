/**
 * Every response-shape quirk of fact sheet §1.7, parsed from recorded-style bodies through the
 * public methods. Outputs are normalised so callers never see the quirks.
 */
import * as live from "./fixtures/live-shapes";
import { testClient } from "./support/client";
import { inOrder, reply, routes, type ScriptedServer, startScriptedServer } from "./support/scripted-server";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(table: Parameters<typeof routes>[0]) {
  server = await startScriptedServer(routes(table));
  return testClient(server.url).client;
}

const ok = (body: unknown) => (_req: unknown, res: Parameters<typeof reply>[0]) => reply(res, 200, body);

describe("response quirks", () => {
  it("workspaces: strips the icon emoji from the name, null limits read as [], extra fields dropped", async () => {
    const client = await serve({ [`GET /admin/workspaces/${live.WORKSPACE_SLUG}`]: ok(live.workspaceGet) });
    const ws = await client.workspaces.get(live.WORKSPACE_SLUG);
    expect(ws.name).toBe("Production");
    expect(ws.id).toBe(live.WORKSPACE_UUID);
    expect(ws.slug).toBe(live.WORKSPACE_SLUG);
    expect(ws.usage_limits).toEqual([]);
    expect(ws.rate_limits).toEqual([]);
    expect(ws.is_default).toBe(false);
    expect(ws.defaults.metadata).toEqual({ team: "platform" });
    expect(ws).not.toHaveProperty("security_settings");
  });

  it("configs: a JSON-string config reads as an object; so does an object config", async () => {
    const asObject = { ...live.configGet, slug: "pc-obj", config: { strategy: { mode: "single" } } };
    const client = await serve({ "GET /configs/pc-vertex-8a7b6c": ok(live.configGet), "GET /configs/pc-obj": ok(asObject) });
    const fromString = await client.configs.get("pc-vertex-8a7b6c");
    expect(fromString.config).toEqual({ strategy: { mode: "fallback" }, targets: [{ provider: "@vertex-prod" }, { provider: "@anthropic-prod" }] });
    expect(fromString.is_default).toBe(true);
    expect((await client.configs.get("pc-obj")).config).toEqual({ strategy: { mode: "single" } });
  });

  it("configs: a config string that is not JSON is an invalid-response error naming the field", async () => {
    const client = await serve({ "GET /configs/pc-bad": ok({ ...live.configGet, config: "{not json" }) });
    await expect(client.configs.get("pc-bad")).rejects.toMatchObject({ kind: "invalid-response", message: expect.stringContaining("config") });
  });

  it("API keys: combined type is split, masked key kept apart, never-set collections normalised, loose booleans", async () => {
    const client = await serve({ [`GET /api-keys/${live.apiKeyGet.id}`]: ok(live.apiKeyGet), [`GET /api-keys/${live.apiKeyExpired.id}`]: ok(live.apiKeyExpired) });
    const key = await client.apiKeys.get(live.apiKeyGet.id);
    expect(key).toMatchObject({ type: "workspace", sub_type: "service", masked_key: "z1*****3AX", usage_limits: null, rate_limits: [], alert_emails: [], expiry_enforced: false, allow_config_override: true, reset_usage: false });
    expect(key.defaults).toEqual({ metadata: {}, config_id: undefined, allow_config_override: true });
    expect(key).not.toHaveProperty("key");

    const expired = await client.apiKeys.get(live.apiKeyExpired.id);
    expect(expired).toMatchObject({ type: "organisation", sub_type: "service", status: "expired", usage_limits: null });
    expect(expired.rate_limits).toEqual([{ type: "requests", unit: "rpm", value: 60 }]);
    expect(expired.defaults.metadata).toEqual({});
  });

  it("integrations: masked configuration and key pass through, string booleans and numbers are coerced", async () => {
    const client = await serve({
      "GET /integrations/vertex-prod": ok(live.integrationGet),
      "GET /integrations/vertex-prod/workspaces": ok(live.integrationWorkspacesGet),
      "GET /integrations/vertex-prod/models": ok(live.integrationModelsGet),
    });
    const integration = await client.integrations.get("vertex-prod");
    expect(integration).toMatchObject({ allow_all_models: true, workspace_count: 2, secret_mappings: [], masked_key: undefined });
    expect(integration.configurations).toHaveProperty("masked_vertex_service_account_json");

    const access = await client.integrations.listWorkspaces("vertex-prod");
    expect(access.workspaces[0]).toEqual({ id: live.WORKSPACE_SLUG, enabled: true, usage_limits: [expect.objectContaining({ credit_limit: 10 })], rate_limits: [] });

    const models = await client.integrations.getModels("vertex-prod");
    expect(models.allow_all_models).toBe(false);
    expect(models.models.map((m) => [m.slug, m.is_custom, m.is_finetune, m.enabled])).toEqual([
      ["claude-sonnet-4@20250514", false, false, true],
      ["my-tuned", true, true, true],
    ]);
  });

  it("integration access and models tolerate a `data` array instead of workspaces/models", async () => {
    const client = await serve({
      "GET /integrations/x/workspaces": ok({ data: live.integrationWorkspacesGet.workspaces }),
      "GET /integrations/x/models": ok({ data: live.integrationModelsGet.models }),
    });
    expect((await client.integrations.listWorkspaces("x")).total).toBe(1);
    const models = await client.integrations.getModels("x");
    expect(models).toMatchObject({ allow_all_models: true, total: 2 });
  });

  it("providers: single-object rate_limits read as a one-element array, `10.0` credit as a number", async () => {
    const client = await serve({ "GET /providers/vertex-prod": ok(live.providerGet) });
    const provider = await client.providers.get("vertex-prod", live.WORKSPACE_UUID);
    expect(provider.rate_limits).toEqual([{ type: "requests", unit: "rpm", value: 100 }]);
    expect(provider.usage_limits).toMatchObject({ type: "cost", credit_limit: 10, alert_threshold: 8 });
    expect(provider.model_config).toEqual({});
    expect(server?.requests[0].query.get("workspace_id")).toBe(live.WORKSPACE_UUID);
  });

  it("virtual keys: write-only key dropped, null collections normalised", async () => {
    const client = await serve({ [`GET /virtual-keys/${live.virtualKeyGet.slug}`]: ok(live.virtualKeyGet) });
    const vk = await client.virtualKeys.get(live.virtualKeyGet.slug);
    expect(vk).toMatchObject({ masked_api_key: "ya29****xyz", rate_limits: [], tags: [], usage_limits: null, model_config: { vertexRegion: "us-central1" } });
    expect(vk).not.toHaveProperty("key");
  });

  it("policies: JSON-string group_by and string credit limits are parsed", async () => {
    const client = await serve({ "GET /policies/usage-limits/pol-usage-1": ok(live.usageLimitsPolicyGet), "GET /policies/rate-limits/pol-rate-1": ok(live.rateLimitsPolicyGet) });
    const usage = await client.usageLimitsPolicies.get("pol-usage-1");
    expect(usage).toMatchObject({ credit_limit: 100, group_by: [{ key: "api_key" }], conditions: [{ key: "workspace_id", value: live.WORKSPACE_UUID }] });
    const rate = await client.rateLimitsPolicies.get("pol-rate-1");
    expect(rate).toMatchObject({ unit: "rpm", value: 60, group_by: [{ key: "api_key" }] });
  });

  it("updates that answer {} are followed by a re-read returning the fresh object", async () => {
    server = await startScriptedServer(inOrder((_req, res) => reply(res, 200, {}), (_req, res) => reply(res, 200, { ...live.configGet, name: "renamed" })));
    const { client } = testClient(server.url);
    const fresh = await client.configs.update("pc-vertex-8a7b6c", { name: "renamed" });
    expect(fresh.name).toBe("renamed");
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["PUT /configs/pc-vertex-8a7b6c", "GET /configs/pc-vertex-8a7b6c"]);
  });

  it("create answers wrapped in {success, data} are unwrapped (config create per OAS)", async () => {
    server = await startScriptedServer(
      inOrder(
        (_req, res) => reply(res, 200, { success: true, data: { id: live.configGet.id, version_id: "v-0001" } }),
        (_req, res) => reply(res, 200, { object: "list", total: 1, data: [{ ...live.configGet, config: undefined }] }),
        (_req, res) => reply(res, 200, live.configGet),
      ),
    );
    const { client } = testClient(server.url);
    const created = await client.configs.create({ name: "vertex-fallback", config: { strategy: { mode: "fallback" } }, workspace_id: live.WORKSPACE_UUID, is_default: true });
    expect(created.slug).toBe("pc-vertex-8a7b6c");
    expect(server.requests[0].body).toEqual({ name: "vertex-fallback", config: { strategy: { mode: "fallback" } }, workspace_id: live.WORKSPACE_UUID, isDefault: 1 });
  });
});
