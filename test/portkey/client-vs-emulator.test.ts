/**
 * Every client method once against the local Portkey emulator (src/cli/emulator), plus the
 * no-duplicate rule under the emulator's own "perform, then drop the response" fault.
 */
import { startEmulator } from "../../src/cli/emulator";
import { PortkeyApiError, PortkeyClient, seededRandom } from "../../src/portkey";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";

const ADMIN_KEY = "emu-admin-key-0123456789";
const serviceAccount = FAKE_SERVICE_ACCOUNT;

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;
let client: PortkeyClient;

beforeAll(async () => {
  emulator = await startEmulator({ adminKey: ADMIN_KEY });
  client = new PortkeyClient({ apiKey: ADMIN_KEY, baseUrl: emulator.adminUrl, random: seededRandom(1), baseDelayMs: 1, maxDelayMs: 5 });
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});

describe("client against the emulator", () => {
  it("drives every resource method through a full lifecycle", async () => {
    // Workspaces
    const ws = await client.workspaces.create({ name: "Team Alpha", icon: "🚀", defaults: { metadata: { team: "alpha" } } });
    expect(ws.name).toBe("Team Alpha");
    expect((await client.workspaces.get(ws.id)).id).toBe(ws.id);
    expect((await client.workspaces.list()).map((w) => w.id)).toContain(ws.id);
    expect((await client.workspaces.update(ws.id, { description: "alpha team" })).description).toBe("alpha team");

    // Integrations
    const integration = await client.integrations.create({
      name: "Vertex prod",
      ai_provider_id: "vertex-ai",
      slug: "vertex-prod",
      configurations: { vertex_auth_type: "serviceAccount", vertex_region: "us-central1", vertex_service_account_json: serviceAccount },
    });
    expect(integration.slug).toBe("vertex-prod");
    expect(JSON.stringify(integration)).not.toContain(FAKE_KEY_MATERIAL);
    expect((await client.integrations.get("vertex-prod")).ai_provider_id).toBe("vertex-ai");
    expect((await client.integrations.list()).map((i) => i.slug)).toContain("vertex-prod");
    expect((await client.integrations.update("vertex-prod", { description: "prod" })).description).toBe("prod");
    const access = await client.integrations.putWorkspaces("vertex-prod", { workspaces: [{ id: ws.id, enabled: true, create_default_provider: false }] });
    expect(access.workspaces.some((w) => w.enabled)).toBe(true);
    expect((await client.integrations.listWorkspaces("vertex-prod")).total).toBeGreaterThanOrEqual(1);
    await client.integrations.putModels("vertex-prod", { allow_all_models: false, models: [{ slug: "my-custom", enabled: true, is_custom: true, base_model_slug: "gemini-2.5-pro" }] });
    const models = await client.integrations.getModels("vertex-prod");
    expect(models.allow_all_models).toBe(false);
    expect(models.models.map((m) => m.slug)).toContain("my-custom");
    await client.integrations.deleteCustomModels("vertex-prod", ["my-custom"]);
    expect((await client.integrations.getModels("vertex-prod")).models.map((m) => m.slug)).not.toContain("my-custom");

    // Providers
    const provider = await client.providers.create({ name: "Vertex alpha", integration_id: "vertex-prod", workspace_id: ws.id, slug: "vertex-alpha" });
    expect(provider.slug).toBe("vertex-alpha");
    expect((await client.providers.get(provider.id, ws.id)).slug).toBe("vertex-alpha");
    expect((await client.providers.list(ws.id)).map((p) => p.slug)).toContain("vertex-alpha");
    expect((await client.providers.update(provider.id, ws.id, { note: "for alpha" })).note).toBe("for alpha");

    // Configs
    const config = await client.configs.create({ name: "alpha-fallback", workspace_id: ws.id, config: { strategy: { mode: "fallback" }, targets: [{ provider: "@vertex-alpha" }] } });
    expect(config.config).toEqual({ strategy: { mode: "fallback" }, targets: [{ provider: "@vertex-alpha" }] });
    expect((await client.configs.get(config.slug)).name).toBe("alpha-fallback");
    expect((await client.configs.list({ workspace_id: ws.id })).map((c) => c.slug)).toContain(config.slug);
    const updated = await client.configs.update(config.slug, { config: { strategy: { mode: "single" }, targets: [{ provider: "@vertex-alpha" }] } });
    expect(updated.config).toMatchObject({ strategy: { mode: "single" } });
    expect((await client.configs.versions(config.slug)).length).toBeGreaterThanOrEqual(2);

    // API keys
    const created = await client.apiKeys.create({ type: "workspace", sub_type: "service", name: "alpha-claude", scopes: ["completions.write"], workspace_id: ws.id, defaults: { config_id: config.slug, metadata: { team: "alpha" } } });
    expect(created.secret).toEqual(expect.any(String));
    expect(created.apiKey).toMatchObject({ type: "workspace", sub_type: "service", name: "alpha-claude" });
    expect((await client.apiKeys.get(created.apiKey.id)).masked_key).not.toBe(created.secret);
    expect((await client.apiKeys.list({ workspace_id: ws.id })).map((k) => k.id)).toContain(created.apiKey.id);
    expect((await client.apiKeys.update(created.apiKey.id, { description: "claude code" })).description).toBe("claude code");
    const rotated = await client.apiKeys.rotate(created.apiKey.id);
    expect(rotated.secret).not.toBe(created.secret);
    expect(client.secrets.scrub(`${created.secret} ${rotated.secret}`)).toBe("[REDACTED] [REDACTED]");

    // Policies
    const usage = await client.usageLimitsPolicies.create({ name: "alpha budget", workspace_id: ws.id, conditions: [{ key: "workspace_id", value: ws.id }], group_by: [{ key: "api_key" }], type: "cost", credit_limit: 100, alert_threshold: 80, periodic_reset: "monthly" });
    expect(usage.credit_limit).toBe(100);
    expect((await client.usageLimitsPolicies.get(usage.id)).name).toBe("alpha budget");
    expect((await client.usageLimitsPolicies.list({ workspace_id: ws.id })).map((p) => p.id)).toContain(usage.id);
    expect((await client.usageLimitsPolicies.update(usage.id, { credit_limit: 200 })).credit_limit).toBe(200);
    await client.usageLimitsPolicies.delete(usage.id);
    expect((await client.usageLimitsPolicies.get(usage.id)).status).toBe("archived");

    const rate = await client.rateLimitsPolicies.create({ name: "alpha rpm", workspace_id: ws.id, conditions: [{ key: "workspace_id", value: ws.id }], group_by: [{ key: "api_key" }], type: "requests", unit: "rpm", value: 60 });
    expect((await client.rateLimitsPolicies.get(rate.id)).value).toBe(60);
    expect((await client.rateLimitsPolicies.list({ workspace_id: ws.id })).map((p) => p.id)).toContain(rate.id);
    expect((await client.rateLimitsPolicies.update(rate.id, { value: 120 })).value).toBe(120);
    await client.rateLimitsPolicies.delete(rate.id);

    // Legacy virtual keys
    const vk = await client.virtualKeys.create({ name: "legacy vertex", provider: "vertex-ai", key: "ya29.legacy-token-abcdef", workspace_id: ws.id, vertexProjectId: "proj", vertexRegion: "us-central1" });
    expect((await client.virtualKeys.get(vk.slug)).name).toBe("legacy vertex");
    expect((await client.virtualKeys.list({ workspace_id: ws.id })).map((v) => v.slug)).toContain(vk.slug);
    expect((await client.virtualKeys.update(vk.slug, { note: "old" })).note).toBe("old");
    await client.virtualKeys.delete(vk.slug);

    // Tear down, checking not-found handling on the way.
    await client.apiKeys.delete(created.apiKey.id);
    await client.configs.delete(config.slug);
    await client.providers.delete(provider.id, ws.id);
    await client.integrations.delete("vertex-prod");
    await client.workspaces.delete(ws.id, { forceDelete: true });
    const gone = (await client.workspaces.get(ws.id).catch((e: unknown) => e)) as PortkeyApiError;
    expect(gone).toBeInstanceOf(PortkeyApiError);
    // The emulator answers as Portkey does for a deleted workspace: 403 AB03, which only may mean gone.
    expect(gone.isNotFound()).toBe(false);
    expect(gone.mayBeGone()).toBe(true);
  });

  it("leaves no duplicate when the emulator performs a create and drops the response", async () => {
    emulator.setFaults({ rules: [{ method: "POST", path: "/v1/admin/workspaces", fault: { kind: "dropResponse" }, times: 1 }] });
    const ws = await client.workspaces.create({ name: "Team Beta" });
    expect(ws.name).toBe("Team Beta");
    expect(emulator.requests().filter((r) => r.fault === "dropResponse")).toHaveLength(1);
    expect(emulator.duplicates()).toEqual([]);
    expect((await client.workspaces.list()).filter((w) => w.name === "Team Beta")).toHaveLength(1);
    emulator.setFaults({ rules: [] });
  });
});
