/**
 * portkeyadmin_api_key after an import: the config is stored by slug (the form configurations
 * use) at the cost of one listing, a refresh stays one GET, and an update of an imported key
 * plans no secret unless it rotates.
 */
import type { PortkeyClient } from "../../../src/portkey";
import type { Logger } from "../../../src/portkey/log";
import { apiKey } from "../../../src/portkey/schemas/api-keys";
import { Diagnostics, isUnknown, type PlanModel, unknown } from "../../../src/provider/framework";
import { ProcessMemory } from "../../../src/provider/framework/leftovers";
import { type ApiKeyModel, apiKeyResource } from "../../../src/provider/resources/api-key";
import { apiKeyGet, WORKSPACE_UUID } from "../../portkey/fixtures/live-shapes";

const CONFIG_UUID = "9b0c2d4e-1f3a-4c5b-8d6e-7f8091a2b3c4";
const CONFIG_SLUG = "pc-alpha-1a2b3c";

const OTHER_UUID = "0f6c7f1e-33aa-4b8e-9d0c-5e2a1b3c4d5e";

/** A client that answers the key GET (bound to the config by UUID) and the configs listing. */
function fakeClient(listing: () => Promise<{ id: string; slug: string }[]>, boundTo: string = CONFIG_UUID) {
  const calls: string[] = [];
  const client = {
    secrets: { add: () => undefined },
    apiKeys: {
      get: async () => {
        calls.push("GET key");
        return apiKey.parse({ ...apiKeyGet, workspace_id: WORKSPACE_UUID, defaults: { metadata: {}, config_id: boundTo } });
      },
    },
    configs: {
      list: async (filter: { workspace_id?: string }) => {
        calls.push(`GET configs?workspace_id=${filter.workspace_id}`);
        return listing();
      },
    },
  } as unknown as PortkeyClient;
  const diagnostics = new Diagnostics();
  const ctx = { typeName: apiKeyResource.typeName, diagnostics, log: {} as Logger, signal: new AbortController().signal, client, memory: new ProcessMemory() };
  return { ctx, calls, diagnostics };
}

const imported = (): ApiKeyModel => Object.fromEntries(Object.keys(apiKeyResource.schema.attributes).map((name) => [name, name === "id" ? apiKeyGet.id : null])) as ApiKeyModel;

describe("portkeyadmin_api_key import", () => {
  it("stores the config's slug, found in one listing of the key's workspace, and its UUID for later refreshes", async () => {
    const { ctx, calls, diagnostics } = fakeClient(async () => [{ id: "other", slug: "pc-other-000000" }, { id: CONFIG_UUID, slug: CONFIG_SLUG }]);
    const read = await apiKeyResource.read(imported(), ctx);
    expect(read).toMatchObject({ config_id: CONFIG_SLUG, config_uuid: CONFIG_UUID });
    expect(calls).toEqual(["GET key", `GET configs?workspace_id=${WORKSPACE_UUID}`]);
    expect(diagnostics.items).toEqual([]);
  });

  it("keeps the UUID, with a warning on config_id, when the listing does not have the config or fails", async () => {
    for (const listing of [async () => [], async () => Promise.reject(new Error("Portkey API GET /configs answered 403"))]) {
      const { ctx, diagnostics } = fakeClient(listing);
      expect((await apiKeyResource.read(imported(), ctx))?.config_id).toBe(CONFIG_UUID);
      expect(diagnostics.items).toMatchObject([{ severity: "warning", summary: "API key config kept as its UUID" }]);
      expect(diagnostics.hasErrors).toBe(false);
    }
  });

  it("a refresh is one GET and keeps the slug in state", async () => {
    const { ctx, calls } = fakeClient(async () => []);
    const state = { ...imported(), name: "team-alpha", config_id: CONFIG_SLUG, config_uuid: CONFIG_UUID };
    expect(await apiKeyResource.read(state, ctx)).toMatchObject({ config_id: CONFIG_SLUG, config_uuid: CONFIG_UUID });
    expect(calls).toEqual(["GET key"]);
  });

  it("a refresh of a key rebound out of band is one GET and reports the other config's UUID as config_id", async () => {
    const { ctx, calls } = fakeClient(async () => [{ id: OTHER_UUID, slug: "pc-other-000000" }], OTHER_UUID);
    const state = { ...imported(), name: "team-alpha", config_id: CONFIG_SLUG, config_uuid: CONFIG_UUID };
    expect(await apiKeyResource.read(state, ctx)).toMatchObject({ config_id: OTHER_UUID, config_uuid: OTHER_UUID });
    expect(calls).toEqual(["GET key"]);
  });

  it("a refresh of a state written before config_uuid existed keeps the slug (no diff) and records no UUID", async () => {
    const { ctx, calls } = fakeClient(async () => [], OTHER_UUID);
    const state = { ...imported(), name: "team-alpha", config_id: CONFIG_SLUG };
    expect(await apiKeyResource.read(state, ctx)).toMatchObject({ config_id: CONFIG_SLUG, config_uuid: null });
    expect(calls).toEqual(["GET key"]);
  });
});

describe("portkeyadmin_api_key plan of config_uuid", () => {
  type Config = PlanModel<typeof apiKeyResource.schema.attributes>;
  const plan = async (prior: ApiKeyModel, configId: string | null) => {
    const config = { ...prior, config_id: configId, config_uuid: null } as Config;
    // What the framework plans for a computed attribute with useStateForUnknown.
    const planned = { ...config, config_uuid: prior.config_uuid ?? unknown, status: unknown } as Config;
    const { ctx } = fakeClient(async () => []);
    return apiKeyResource.plan?.({ config, prior, planned }, { ...ctx, requireReplace: () => undefined });
  };
  const bound = { ...imported(), name: "team-alpha", config_id: CONFIG_SLUG, config_uuid: CONFIG_UUID };

  it("keeps the stored UUID while config_id stays", async () => {
    expect((await plan(bound, CONFIG_SLUG))?.config_uuid).toBe(CONFIG_UUID);
  });

  it("plans it unknown when config_id changes, as after a drift read back the other config's UUID", async () => {
    expect(isUnknown((await plan({ ...bound, config_id: OTHER_UUID, config_uuid: OTHER_UUID }, CONFIG_SLUG))?.config_uuid)).toBe(true);
    expect(isUnknown((await plan(bound, "pc-other-000000"))?.config_uuid)).toBe(true);
  });

  it("plans null when config_id is removed", async () => {
    expect((await plan(bound, null))?.config_uuid).toBeNull();
  });
});

describe("portkeyadmin_api_key plan of an imported key (no secret in state)", () => {
  const plan = async (rotationTrigger: string | null) => {
    const prior = { ...imported(), name: "team-alpha", description: "before", config_id: CONFIG_SLUG };
    const config = { ...prior, description: "after", rotation_trigger: rotationTrigger } as PlanModel<typeof apiKeyResource.schema.attributes>;
    const planned = { ...config, key: unknown, key_transition_expires_at: unknown, status: unknown };
    const { ctx } = fakeClient(async () => []);
    return apiKeyResource.plan?.({ config, prior, planned }, { ...ctx, requireReplace: () => undefined });
  };

  it("keeps key null through an in-place update", async () => {
    expect(await plan(null)).toMatchObject({ key: null, key_transition_expires_at: null });
  });

  it("plans a new secret when rotation_trigger changes", async () => {
    const next = await plan("2026-03");
    expect(isUnknown(next?.key)).toBe(true);
  });
});
