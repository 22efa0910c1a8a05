/**
 * portkeyadmin_api_key after an import: the config is stored by slug (the form configurations
 * use) at the cost of one listing, a refresh stays one GET, and an update of an imported key
 * plans no secret unless it rotates.
 */
import type { PortkeyClient } from "../../../src/portkey";
import type { Logger } from "../../../src/portkey/log";
import { apiKey } from "../../../src/portkey/schemas/api-keys";
import { Diagnostics, isUnknown, type PlanModel, unknown } from "../../../src/provider/framework";
import { type ApiKeyModel, apiKeyResource } from "../../../src/provider/resources/api-key";
import { apiKeyGet, WORKSPACE_UUID } from "../../portkey/fixtures/live-shapes";

const CONFIG_UUID = "9b0c2d4e-1f3a-4c5b-8d6e-7f8091a2b3c4";
const CONFIG_SLUG = "pc-alpha-1a2b3c";

/** A client that answers the key GET (bound to the config by UUID) and the configs listing. */
function fakeClient(listing: () => Promise<{ id: string; slug: string }[]>) {
  const calls: string[] = [];
  const client = {
    secrets: { add: () => undefined },
    apiKeys: {
      get: async () => {
        calls.push("GET key");
        return apiKey.parse({ ...apiKeyGet, workspace_id: WORKSPACE_UUID, defaults: { metadata: {}, config_id: CONFIG_UUID } });
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
  const ctx = { typeName: apiKeyResource.typeName, diagnostics, log: {} as Logger, signal: new AbortController().signal, client };
  return { ctx, calls, diagnostics };
}

const imported = (): ApiKeyModel => Object.fromEntries(Object.keys(apiKeyResource.schema.attributes).map((name) => [name, name === "id" ? apiKeyGet.id : null])) as ApiKeyModel;

describe("portkeyadmin_api_key import", () => {
  it("stores the config's slug, found in one listing of the key's workspace", async () => {
    const { ctx, calls, diagnostics } = fakeClient(async () => [{ id: "other", slug: "pc-other-000000" }, { id: CONFIG_UUID, slug: CONFIG_SLUG }]);
    const read = await apiKeyResource.read(imported(), ctx);
    expect(read?.config_id).toBe(CONFIG_SLUG);
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
    const state = { ...imported(), name: "team-alpha", config_id: CONFIG_SLUG };
    expect((await apiKeyResource.read(state, ctx))?.config_id).toBe(CONFIG_SLUG);
    expect(calls).toEqual(["GET key"]);
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
