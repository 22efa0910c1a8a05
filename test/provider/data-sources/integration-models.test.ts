/** data "portkeyadmin_integration_models": which models an integration serves, and why a required one is not. */
import type { IntegrationModels } from "../../../src/portkey";
import { requiredModelProblems, usableSlugs } from "../../../src/provider/data-sources/integration-models";

const listing = (allowAll: boolean, models: [string, boolean][]): IntegrationModels => ({
  allow_all_models: allowAll,
  total: models.length,
  models: models.map(([slug, enabled]) => ({ slug, enabled, is_custom: false })),
});

describe("Portkey's list of an integration's models", () => {
  const allowList = listing(false, [
    ["claude-sonnet-5-5", true],
    ["claude-opus-5-5", true],
    ["claude-haiku-5-5", false],
  ]);

  it("serves the enabled models of an allow-list, every listed one under allow_all_models", () => {
    expect(usableSlugs(allowList)).toEqual(["claude-opus-5-5", "claude-sonnet-5-5"]);
    expect(usableSlugs({ ...allowList, allow_all_models: true })).toEqual(["claude-haiku-5-5", "claude-opus-5-5", "claude-sonnet-5-5"]);
  });

  it("finds no problem when every required model is served", () => {
    expect(requiredModelProblems(allowList, "vertex-claude", ["claude-opus-5-5", "claude-sonnet-5-5"])).toEqual([]);
  });

  it("names a listed model the allow-list does not enable, with the platform fix", () => {
    const [problem, ...rest] = requiredModelProblems(allowList, "vertex-claude", ["claude-haiku-5-5"]);
    expect(rest).toEqual([]);
    expect(problem.summary).toBe("Model claude-haiku-5-5 is not enabled on integration vertex-claude");
    expect(problem.detail).toContain("cdktf deploy platform");
    expect(problem.detail).toContain('use an enabled model: "claude-opus-5-5", "claude-sonnet-5-5".');
  });

  it("names a model Portkey does not list, with a close match — even when the catalogue knows it: the live list wins", () => {
    const [typo, known] = requiredModelProblems(allowList, "vertex-claude", ["claude-sonet-5-5", "claude-opus-4-8"]);
    expect(typo.summary).toBe("Model claude-sonet-5-5 is not served by integration vertex-claude");
    expect(typo.detail).toContain('(did you mean "claude-sonnet-5-5"?)');
    expect(known.summary).toBe("Model claude-opus-4-8 is not served by integration vertex-claude");
    expect(known.detail).toContain("enable it in Vertex AI Model Garden");
  });

  it("does not take allow_all_models as a licence for a model Portkey does not list", () => {
    expect(requiredModelProblems({ ...allowList, allow_all_models: true }, "vertex-claude", ["claude-opus-6"])).toHaveLength(1);
  });
});
