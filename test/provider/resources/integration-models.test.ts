/**
 * portkeyadmin_integration_models is authoritative: what the configuration lists is enabled,
 * every other enabled model is disabled, and an allow-all integration reads back without noise.
 */
import type { IntegrationModels } from "../../../src/portkey";
import { modelsBody, modelsFromWire } from "../../../src/provider/resources/integration-models";

const listing = (allowAll: boolean, models: [string, boolean][]): IntegrationModels => ({
  allow_all_models: allowAll,
  total: models.length,
  models: models.map(([slug, enabled]) => ({ slug, enabled, is_custom: false, is_finetune: false })),
});

describe("integration model allow-list", () => {
  it("enables the wanted models and disables the other enabled ones", () => {
    const current = listing(true, [["sonnet", true], ["haiku", true], ["old", false]]);
    expect(modelsBody(current, false, ["sonnet", "opus"])).toEqual({
      allow_all_models: false,
      models: [
        { slug: "sonnet", enabled: true },
        { slug: "opus", enabled: true },
        { slug: "haiku", enabled: false },
      ],
    });
  });

  it("reads the enabled models, sorted, as the set", () => {
    const state = modelsFromWire(listing(false, [["sonnet", true], ["haiku", false], ["opus", true]]), { models: ["sonnet"] }, "vertex-prod");
    expect(state).toEqual({ id: "vertex-prod", integration_slug: "vertex-prod", allow_all_models: false, models: ["opus", "sonnet"] });
  });

  it("keeps models null for an allow-all integration when the configuration had none (no perpetual diff)", () => {
    expect(modelsFromWire(listing(true, [["sonnet", true]]), { models: null }, "v").models).toBeNull();
  });

  it("shows models enabled out of band on a restricted integration, so the plan disables them", () => {
    expect(modelsFromWire(listing(false, [["sonnet", true]]), { models: null }, "v").models).toEqual(["sonnet"]);
  });
});
