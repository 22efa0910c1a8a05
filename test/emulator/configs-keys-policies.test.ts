/**
 * Configs (pc- slugs, `config` read back as a JSON string, 0/1 is_default, versions), API keys
 * (secret shown once, masked after, combined type, rotation) and usage/rate-limit policies
 * (DELETE archives).
 */
import { type Api, seedTeam, useEmulator } from "./harness";

const suite = useEmulator();
const api: Api = (...args) => suite.api(...args);

describe("configs", () => {
  it("creates with a pc-<name6>-<hex6> slug, reads config back as a JSON string and is_default as 0/1", async () => {
    const { workspace } = await seedTeam(api);
    const config = { strategy: { mode: "fallback" }, targets: [{ provider: "@a" }, { provider: "@b" }] };
    const created = await api("POST", "/v1/configs", { name: "Claude routing", workspace_id: workspace.slug, config, isDefault: 1 });
    expect(created.body).toEqual({ id: expect.any(String), slug: expect.stringMatching(/^pc-claude-[0-9a-f]{6}$/), version_id: expect.any(String) });
    const read = await api("GET", `/v1/configs/${created.body.slug}`);
    expect(read.body).toMatchObject({ name: "Claude routing", workspace_id: workspace.id, is_default: 1, status: "active", format: "json", object: "config" });
    expect(typeof read.body.config).toBe("string");
    expect(JSON.parse(read.body.config)).toEqual(config);
    const listed = await api("GET", `/v1/configs?workspace_id=${workspace.id}`);
    expect(listed.body).toMatchObject({ object: "list", total: 1 });
    expect(listed.body.data[0].config).toBeUndefined();
  });

  it("creates a version per config change and answers updates with the new version_id", async () => {
    const { workspace } = await seedTeam(api);
    const { body: created } = await api("POST", "/v1/configs", { name: "r", workspace_id: workspace.id, config: { provider: "@a" } });
    const updated = await api("PUT", `/v1/configs/${created.slug}`, { config: { provider: "@b" } });
    expect(updated.body.version_id).not.toBe(created.version_id);
    const versions = await api("GET", `/v1/configs/${created.slug}/versions`);
    expect(versions.body).toMatchObject({ object: "list", total: 2 });
    expect(versions.body.data.map((v: { config: string }) => JSON.parse(v.config).provider)).toEqual(["@b", "@a"]);
    expect((await api("DELETE", `/v1/configs/${created.slug}`)).body).toEqual({});
    expect((await api("GET", `/v1/configs/${created.slug}`)).status).toBe(404);
  });

  it("validates the config object, naming the field", async () => {
    const { workspace } = await seedTeam(api);
    const asString = await api("POST", "/v1/configs", { name: "r", workspace_id: workspace.id, config: '{"provider":"@a"}' });
    expect(asString.body.data.message).toContain("config: must be a JSON object");
    const badMode = await api("POST", "/v1/configs", { name: "r", workspace_id: workspace.id, config: { strategy: { mode: "load-balance" }, targets: [{ provider: "@a" }] } });
    expect(badMode.body.data.message).toContain("config.strategy.mode");
    const noWorkspace = await api("POST", "/v1/configs", { name: "r", config: {} });
    expect(noWorkspace.body.data.message).toContain("workspace_id");
  });
});

describe("API keys", () => {
  it("returns the secret only at create; reads mask it and combine type and sub-type", async () => {
    const { workspace } = await seedTeam(api);
    const created = await api("POST", "/v1/api-keys/workspace/service", { name: "ci", scopes: ["completions.write"], workspace_id: workspace.id });
    expect(created.body).toEqual({ id: expect.any(String), key: expect.stringMatching(/^pk-[A-Za-z0-9_-]{32}$/), object: "api-key" });
    const read = await api("GET", `/v1/api-keys/${created.body.id}`);
    expect(read.body.key).toBe(`${created.body.key.slice(0, 2)}*****${created.body.key.slice(-2)}`);
    expect(read.body).toMatchObject({ type: "workspace-service", rate_limits: [], usage_limits: null, alert_emails: null, allow_config_override: 1, object: "api-key" });
    const list = await api("GET", `/v1/api-keys?workspace_id=${workspace.id}`);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
  });

  it("requires at least one scope and a workspace for workspace keys, naming the field", async () => {
    const { workspace } = await seedTeam(api);
    const noScopes = await api("POST", "/v1/api-keys/workspace/service", { name: "x", scopes: [], workspace_id: workspace.id });
    expect(noScopes.body.data).toMatchObject({ errorCode: "AB01", message: expect.stringContaining("scopes:") });
    const noWorkspace = await api("POST", "/v1/api-keys/workspace/service", { name: "x", scopes: ["completions.write"] });
    expect(noWorkspace.body.data.message).toContain("workspace_id");
    const badType = await api("POST", "/v1/api-keys/team/service", { name: "x", scopes: ["a"] });
    expect(badType.body.data.message).toContain("type:");
  });

  it("stores defaults.config_id given as a slug and reads it back as the config UUID", async () => {
    const { workspace } = await seedTeam(api);
    const { body: config } = await api("POST", "/v1/configs", { name: "r", workspace_id: workspace.id, config: { provider: "@a" } });
    const { body: key } = await api("POST", "/v1/api-keys/workspace/service", { name: "x", scopes: ["completions.write"], workspace_id: workspace.id, defaults: { config_id: config.slug } });
    expect((await api("GET", `/v1/api-keys/${key.id}`)).body.defaults).toEqual({ metadata: {}, config_id: config.id, allow_config_override: true });
  });

  it("rotates: a new secret, the transition expiry, and a second rotation refused during the window", async () => {
    const { keyId, key } = await seedTeam(api);
    const rotated = await api("POST", `/v1/api-keys/${keyId}/rotate`, {});
    expect(rotated.body).toEqual({ id: keyId, key: expect.stringMatching(/^pk-/), key_transition_expires_at: expect.any(String) });
    expect(rotated.body.key).not.toBe(key);
    const windowMs = Date.parse(rotated.body.key_transition_expires_at) - Date.now();
    expect(windowMs).toBeGreaterThan(29 * 60_000);
    expect(windowMs).toBeLessThanOrEqual(30 * 60_000);
    expect((await api("POST", `/v1/api-keys/${keyId}/rotate`, {})).status).toBe(409);
  });

  it("updates partially with {} and deletes", async () => {
    const { keyId } = await seedTeam(api);
    expect((await api("PUT", `/v1/api-keys/${keyId}`, { name: "renamed", alert_emails: ["ops@example.com"] })).body).toEqual({});
    expect((await api("GET", `/v1/api-keys/${keyId}`)).body).toMatchObject({ name: "renamed", alert_emails: ["ops@example.com"], scopes: ["completions.write"] });
    expect((await api("DELETE", `/v1/api-keys/${keyId}`)).body).toEqual({});
    expect((await api("GET", `/v1/api-keys/${keyId}`)).status).toBe(404);
  });
});

describe("policies", () => {
  const conditions = [{ key: "api_key", value: "key-1" }];
  const groupBy = [{ key: "api_key" }];

  it("creates a usage-limits policy with ids only; DELETE archives it", async () => {
    const { workspace } = await seedTeam(api);
    const created = await api("POST", "/v1/policies/usage-limits", { name: "budget", conditions, group_by: groupBy, type: "cost", credit_limit: 100, alert_threshold: 80, workspace_id: workspace.slug });
    expect(created.body).toEqual({ id: expect.any(String), object: "policy_usage_limits" });
    const read = await api("GET", `/v1/policies/usage-limits/${created.body.id}`);
    expect(read.body).toMatchObject({ name: "budget", credit_limit: 100, periodic_reset: null, workspace_id: workspace.id, status: "active" });
    expect((await api("DELETE", `/v1/policies/usage-limits/${created.body.id}`)).body).toEqual({});
    expect((await api("GET", `/v1/policies/usage-limits/${created.body.id}`)).body.status).toBe("archived");
    expect((await api("GET", "/v1/policies/usage-limits")).body.total).toBe(0);
    expect((await api("GET", "/v1/policies/usage-limits?status=archived")).body.total).toBe(1);
    // Inspection counts live objects: the archived policy is deleted as far as Terraform knows.
    expect(suite.emulator.counts().usageLimitsPolicies).toBe(0);
  });

  it("validates conditions and the alert threshold, naming the field", async () => {
    const empty = await api("POST", "/v1/policies/usage-limits", { conditions: [], group_by: groupBy, type: "cost", credit_limit: 10 });
    expect(empty.body.data.message).toContain("conditions:");
    const high = await api("POST", "/v1/policies/usage-limits", { conditions, group_by: groupBy, type: "cost", credit_limit: 10, alert_threshold: 20 });
    expect(high.body.data.message).toContain("alert_threshold");
  });

  it("creates, updates and archives a rate-limits policy", async () => {
    const created = await api("POST", "/v1/policies/rate-limits", { conditions, group_by: groupBy, type: "requests", unit: "rpm", value: 60 });
    expect(created.body.object).toBe("policy_rate_limits");
    expect((await api("PUT", `/v1/policies/rate-limits/${created.body.id}`, { value: 120 })).body).toEqual({});
    expect((await api("GET", `/v1/policies/rate-limits/${created.body.id}`)).body).toMatchObject({ value: 120, unit: "rpm", type: "requests" });
    await api("DELETE", `/v1/policies/rate-limits/${created.body.id}`);
    expect((await api("GET", `/v1/policies/rate-limits/${created.body.id}`)).body.status).toBe("archived");
  });
});
