/**
 * portkeyadmin_api_key ⇄ the Admin API: live read-back quirks must not become perpetual diffs,
 * updates must clear what the configuration removed, and cross-attribute rules name the fix.
 */
import { apiKey } from "../../../src/portkey/schemas/api-keys";
import { unknown } from "../../../src/provider/framework";
import type { ApiKeyModel } from "../../../src/provider/resources/api-key";
import { apiKeyCreateBody, apiKeyFromWire, apiKeyUpdateBody, checkApiKeyConfig, configOnRead, rotates } from "../../../src/provider/resources/api-key-wire";
import { apiKeyGet, WORKSPACE_SLUG, WORKSPACE_UUID } from "../../portkey/fixtures/live-shapes";

const CONFIG_UUID = "9b0c2d4e-1f3a-4c5b-8d6e-7f8091a2b3c4";
const OTHER_UUID = "0f6c7f1e-33aa-4b8e-9d0c-5e2a1b3c4d5e";
const CONFIG_SLUG = "pc-alpha-1a2b3c";

const model = (overrides: Partial<ApiKeyModel> = {}): ApiKeyModel => ({
  id: null,
  name: "team-alpha",
  description: null,
  type: "workspace",
  sub_type: "service",
  workspace_id: WORKSPACE_SLUG,
  user_id: null,
  scopes: ["completions.write"],
  metadata: null,
  config_id: null,
  config_uuid: null,
  allow_config_override: null,
  usage_limits: null,
  rate_limits: null,
  expires_at: null,
  alert_emails: null,
  rotation_trigger: null,
  key_transition_period_ms: null,
  key: null,
  key_transition_expires_at: null,
  status: null,
  created_at: null,
  ...overrides,
});

const errors = (config: Partial<ApiKeyModel>) => {
  const out: string[] = [];
  checkApiKeyConfig(model(config), (message, path) => out.push(`${path}: ${message}`));
  return out;
};

describe("portkeyadmin_api_key read-back", () => {
  const wire = (overrides: Record<string, unknown> = {}) => apiKey.parse({ ...apiKeyGet, ...overrides });

  it("never takes the masked key from a read, and splits the combined type", () => {
    const read = apiKeyFromWire(wire(), model({ key: "pk-the-real-secret" }));
    expect(read).not.toHaveProperty("key");
    expect(read).toMatchObject({ type: "workspace", sub_type: "service", scopes: ["completions.write"] });
  });

  it("reads never-set collections ([] rate limits, {} metadata, null emails) as null, or as empty when configured empty", () => {
    expect(apiKeyFromWire(wire(), model())).toMatchObject({ rate_limits: null, metadata: null, alert_emails: null, usage_limits: null });
    expect(apiKeyFromWire(wire(), model({ rate_limits: [], metadata: {} }))).toMatchObject({ rate_limits: [], metadata: {} });
  });

  it("keeps the caller's workspace slug, config slug and expiry spelling when the API answers the UUID / another format", () => {
    const read = apiKeyFromWire(
      wire({ workspace_id: WORKSPACE_UUID, defaults: { metadata: {}, config_id: CONFIG_UUID, allow_config_override: false }, expires_at: "2030-01-31T00:00:00.000Z" }),
      model({ config_id: CONFIG_SLUG, expires_at: "2030-01-31T00:00:00Z" }),
    );
    expect(read).toMatchObject({ workspace_id: WORKSPACE_SLUG, config_id: CONFIG_SLUG, expires_at: "2030-01-31T00:00:00Z", allow_config_override: false });
  });

  it("reports drift: a removed config and a changed expiry come through", () => {
    const read = apiKeyFromWire(wire({ expires_at: "2031-01-01T00:00:00.000Z" }), model({ config_id: CONFIG_SLUG, expires_at: "2030-01-31T00:00:00Z" }));
    expect(read).toMatchObject({ config_id: null, expires_at: "2031-01-01T00:00:00.000Z" });
  });

  it("without a stored UUID, compares config references of the same form: another config set out of band comes through", () => {
    const defaults = (configId: string) => ({ defaults: { metadata: {}, config_id: configId } });
    expect(apiKeyFromWire(wire(defaults(OTHER_UUID)), model({ config_id: CONFIG_UUID })).config_id).toBe(OTHER_UUID);
    // A slug answered where state holds the UUID (the reverse quirk): the state's form is kept.
    expect(apiKeyFromWire(wire(defaults(CONFIG_SLUG)), model({ config_id: CONFIG_UUID })).config_id).toBe(CONFIG_UUID);
  });

  it("takes everything from the API after import (no prior values), the config's UUID included", () => {
    const bound = wire({ defaults: { metadata: {}, config_id: CONFIG_UUID } });
    expect(apiKeyFromWire(bound, { id: apiKeyGet.id })).toMatchObject({ config_id: CONFIG_UUID, config_uuid: CONFIG_UUID });
  });

  it("takes everything else from the API after import", () => {
    expect(apiKeyFromWire(wire({ description: "" }), { id: apiKeyGet.id })).toMatchObject({ workspace_id: WORKSPACE_SLUG, name: "team-alpha", description: null });
  });
});

describe("portkeyadmin_api_key config binding", () => {
  const wire = (configId: string | null) => apiKey.parse({ ...apiKeyGet, defaults: { metadata: {}, config_id: configId } });
  const boundBySlug = model({ config_id: CONFIG_SLUG, config_uuid: CONFIG_UUID });

  it("records the UUID Portkey reads back after a create or an update, keeping the configured slug", () => {
    expect(apiKeyFromWire(wire(CONFIG_UUID), model({ config_id: CONFIG_SLUG }), "write")).toMatchObject({ config_id: CONFIG_SLUG, config_uuid: CONFIG_UUID });
    // An update after drift: the plan left config_uuid unknown (null here); the read-back fills it.
    expect(apiKeyFromWire(wire(CONFIG_UUID), model({ config_id: CONFIG_SLUG, config_uuid: null }), "write").config_uuid).toBe(CONFIG_UUID);
    expect(apiKeyFromWire(wire(null), model(), "write")).toMatchObject({ config_id: null, config_uuid: null });
  });

  it("keeps the slug on a refresh that reads back the stored UUID", () => {
    expect(apiKeyFromWire(wire(CONFIG_UUID), boundBySlug)).toMatchObject({ config_id: CONFIG_SLUG, config_uuid: CONFIG_UUID });
  });

  it("shows a key rebound to another config out of band as drift: config_id takes the API's UUID", () => {
    expect(apiKeyFromWire(wire(OTHER_UUID), boundBySlug)).toMatchObject({ config_id: OTHER_UUID, config_uuid: OTHER_UUID });
    // The next refresh, before any apply, agrees with itself.
    expect(configOnRead(OTHER_UUID, { config_id: OTHER_UUID, config_uuid: OTHER_UUID })).toEqual({ config_id: OTHER_UUID, config_uuid: OTHER_UUID });
  });

  it("reads a config removed out of band as null", () => {
    expect(apiKeyFromWire(wire(null), boundBySlug)).toMatchObject({ config_id: null, config_uuid: null });
  });

  it("falls back for a state without the stored UUID: the slug is kept (no diff) and no UUID is recorded until an apply", () => {
    expect(configOnRead(OTHER_UUID, { config_id: CONFIG_SLUG, config_uuid: null })).toEqual({ config_id: CONFIG_SLUG, config_uuid: null });
    expect(configOnRead(OTHER_UUID, { config_id: CONFIG_SLUG })).toEqual({ config_id: CONFIG_SLUG, config_uuid: null });
    // A UUID in state compares as it is, and is the UUID.
    expect(configOnRead(CONFIG_UUID, { config_id: CONFIG_UUID })).toEqual({ config_id: CONFIG_UUID, config_uuid: CONFIG_UUID });
    expect(configOnRead(OTHER_UUID, { config_id: CONFIG_UUID })).toEqual({ config_id: OTHER_UUID, config_uuid: OTHER_UUID });
  });

  it("compares by form when Portkey answers a slug, keeping the stored UUID only while the config is the same", () => {
    expect(configOnRead(CONFIG_SLUG, { config_id: CONFIG_SLUG, config_uuid: CONFIG_UUID })).toEqual({ config_id: CONFIG_SLUG, config_uuid: CONFIG_UUID });
    expect(configOnRead("pc-other-000000", { config_id: CONFIG_SLUG, config_uuid: CONFIG_UUID })).toEqual({ config_id: "pc-other-000000", config_uuid: null });
  });
});

describe("portkeyadmin_api_key request bodies", () => {
  it("creates a workspace service key with only what is configured", () => {
    expect(apiKeyCreateBody(model({ metadata: { team: "alpha" } }))).toEqual({
      type: "workspace",
      sub_type: "service",
      name: "team-alpha",
      scopes: ["completions.write"],
      workspace_id: WORKSPACE_SLUG,
      defaults: { metadata: { team: "alpha" } },
    });
  });

  it("updates with explicit nulls so that removing an attribute clears it in Portkey", () => {
    expect(apiKeyUpdateBody(model())).toMatchObject({
      description: "",
      rate_limits: null,
      usage_limits: null,
      alert_emails: null,
      expires_at: null,
      defaults: { metadata: {}, config_id: null },
    });
  });

  it("sends rate-limit units only API keys accept (rps, rpw)", () => {
    expect(apiKeyCreateBody(model({ rate_limits: [{ type: "tokens", unit: "rpw", value: 1_000_000 }] })).rate_limits).toEqual([{ type: "tokens", unit: "rpw", value: 1_000_000 }]);
  });
});

describe("portkeyadmin_api_key rules", () => {
  it("rotates when rotation_trigger gets a new value, not when it is removed", () => {
    expect(rotates("2026-02", "2026-01")).toBe(true);
    expect(rotates("2026-01", null)).toBe(true);
    expect(rotates("2026-01", "2026-01")).toBe(false);
    expect(rotates(null, "2026-01")).toBe(false);
  });

  it("accepts the default workspace service key", () => {
    expect(errors({})).toEqual([]);
  });

  it("names the attribute and the fix for inconsistent combinations", () => {
    expect(errors({ workspace_id: null })[0]).toMatch(/^workspace_id: workspace keys need workspace_id/);
    expect(errors({ sub_type: "user" })[0]).toMatch(/^user_id: user keys need user_id/);
    expect(errors({ type: "organisation" })[0]).toMatch(/^workspace_id: organisation \(Admin\) keys belong to no workspace/);
    expect(errors({ allow_config_override: false })[0]).toMatch(/^allow_config_override: .*set config_id/);
    expect(errors({ usage_limits: { type: "cost", credit_limit: 10, alert_threshold: 20, periodic_reset: null } })[0]).toMatch(/alert_threshold \(20\) must not exceed/);
    expect(errors({ key_transition_period_ms: 1_800_000 })[0]).toMatch(/^key_transition_period_ms: .*set rotation_trigger/);
  });

  it("skips values that are not known yet", () => {
    const out: string[] = [];
    checkApiKeyConfig({ ...model(), type: unknown, workspace_id: null }, (message) => out.push(message));
    expect(out).toEqual([]);
  });
});
