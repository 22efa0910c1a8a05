/**
 * The model catalogue on a pinned evaluation date: each model's lifecycle (current, superseded,
 * retiring within 90 days, retired from its date on), the defaults, and overrides. No test here
 * depends on the day it runs: every lifecycle is computed for a date the test names.
 */
import { DEFAULT_MODELS, MODEL_FAMILIES, ModelCatalogue, modelProblem } from "../../../src/constructs/models/catalogue";
import { idleRetiredExceptions, lifecycleNotice } from "../../../src/constructs/models/lifecycle-notice";
import { isoDay, RETIRING_WINDOW_DAYS } from "../../../src/constructs/models/lifecycle";

const TODAY = "2026-12-03";
const catalogue = ModelCatalogue.builtIn({ asOf: TODAY });
const hint = (id: string) => `list "${id}" in allowRetiredModels`;

describe("the built-in catalogue on 2026-12-03", () => {
  it.each([
    ["claude-opus-5-5", { status: "current" }],
    ["claude-sonnet-5-5", { status: "current" }],
    ["claude-haiku-5-5", { status: "current" }],
    ["claude-opus-4-8", { status: "superseded", replacement: "claude-opus-5-5" }],
    ["claude-opus-4-7", { status: "superseded", replacement: "claude-opus-5-5" }],
    ["claude-sonnet-4-6", { status: "superseded", replacement: "claude-sonnet-5-5" }],
    ["claude-haiku-4-5@20251001", { status: "superseded", replacement: "claude-haiku-5-5" }],
    ["claude-opus-4-5@20251101", { status: "retiring", retirementDate: "2027-01-22", daysLeft: 50, replacement: "claude-opus-5-5" }],
    ["claude-sonnet-4-5@20250929", { status: "retired", retirementDate: "2026-11-30", daysLeft: -3, replacement: "claude-sonnet-5-5" }],
    ["claude-opus-4-1@20250805", { status: "retired", retirementDate: "2026-08-05" }],
    ["claude-sonnet-4@20250514", { status: "retired", retirementDate: "2026-06-15" }],
    ["claude-3-5-haiku@20241022", { status: "retired", retirementDate: "2026-02-19" }],
  ])("%s is %p", (id, expected) => {
    expect(catalogue.lifecycle(id)).toMatchObject(expected);
  });

  it("knows the models Claude Code 2.1.330 knows, by their dateless Vertex IDs", () => {
    for (const id of ["claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5", "claude-opus-4-7", "claude-opus-4-8"]) {
      expect(catalogue.find(id)).toBeDefined();
      expect(id).not.toMatch(/@/);
    }
  });

  it("writes every dated ID the Vertex way (@date), never the Anthropic API way (-date)", () => {
    for (const model of catalogue.models) expect(model.id).not.toMatch(/-\d{8}$/);
  });

  it("defaults each alias slot to a current model of that family, with no retirement date (so no calendar makes it stale)", () => {
    expect(DEFAULT_MODELS).toEqual({ opus: "claude-opus-5-5", sonnet: "claude-sonnet-5-5", haiku: "claude-haiku-5-5" });
    for (const family of MODEL_FAMILIES) {
      const model = catalogue.find(DEFAULT_MODELS[family]);
      expect(model).toMatchObject({ family });
      expect(model?.retirementDate).toBeUndefined();
      expect(catalogue.lifecycle(DEFAULT_MODELS[family])?.status).toBe("current");
    }
  });

  it("names a replacement in the catalogue, of the same family, for every model that is not current", () => {
    for (const model of catalogue.models) {
      const lifecycle = catalogue.lifecycle(model.id);
      if (lifecycle?.status === "current") continue;
      const replacement = catalogue.find(lifecycle?.replacement ?? "");
      expect({ id: model.id, family: replacement?.family, status: catalogue.lifecycle(replacement?.id ?? "")?.status }).toEqual({ id: model.id, family: model.family, status: "current" });
    }
  });

  it("says where each lifecycle fact comes from, and what is unconfirmed about each retirement date", () => {
    for (const model of catalogue.models) {
      expect(model.source).toBeTruthy();
      if (model.retirementDate) expect(model.unconfirmed).toBeTruthy();
    }
  });

  it("suggests only the current models in messages, and still lists older usable ones", () => {
    expect(catalogue.currentIds()).toEqual(["claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5"]);
    expect(catalogue.usableIds()).toContain("claude-opus-4-5@20251101");
    expect(catalogue.usableIds()).not.toContain("claude-sonnet-4-5@20250929");
  });
});

describe("lifecycle over time: the status follows the evaluation date", () => {
  const at = (asOf: string) => ModelCatalogue.builtIn({ asOf }).lifecycle("claude-opus-4-5@20251101")?.status;

  it(`turns superseded into retiring ${RETIRING_WINDOW_DAYS} days before the date, and retired on the date itself`, () => {
    expect(at("2026-10-23")).toBe("superseded"); // 91 days before
    expect(at("2026-10-24")).toBe("retiring"); // 90 days before
    expect(at("2027-01-21")).toBe("retiring");
    expect(at("2027-01-22")).toBe("retired");
  });

  it("re-evaluates one catalogue on another date with at()", () => {
    expect(catalogue.at("2026-11-29").lifecycle("claude-sonnet-4-5@20250929")?.status).toBe("retiring");
    expect(catalogue.at(new Date("2026-11-30T23:59:00Z")).lifecycle("claude-sonnet-4-5@20250929")?.status).toBe("retired");
  });

  it("takes the evaluation date as a calendar day and refuses anything else", () => {
    expect(isoDay(new Date("2026-12-03T22:00:00-05:00"))).toBe("2026-12-04"); // UTC
    expect(() => ModelCatalogue.builtIn({ asOf: "2026-02-30" })).toThrow(/YYYY-MM-DD/);
    expect(() => ModelCatalogue.builtIn({ asOf: "03/12/2026" })).toThrow(/YYYY-MM-DD/);
  });
});

describe("what users are told", () => {
  it("refuses a retired model, naming it, its date, the replacement and the exception", () => {
    const notice = lifecycleNotice(catalogue, "claude-sonnet-4-5@20250929", { exceptionHint: hint });
    expect(notice).toMatchObject({ severity: "error", status: "retired" });
    expect(notice?.message).toContain('"claude-sonnet-4-5@20250929" (Claude Sonnet 4.5) was retired on 2026-11-30');
    expect(notice?.message).toContain("unconfirmed:");
    expect(notice?.fix).toBe(
      'Use "claude-sonnet-5-5" (Claude Sonnet 5.5) instead. If your organisation still has access under an exception, list "claude-sonnet-4-5@20250929" in allowRetiredModels.',
    );
  });

  it("keeps a retired model named as an exception, with a warning", () => {
    const notice = lifecycleNotice(catalogue, "claude-sonnet-4-5@20250929", { allowRetiredModels: ["claude-sonnet-4-5@20250929"], exceptionHint: hint });
    expect(notice).toMatchObject({ severity: "warning", status: "retired" });
    expect(notice?.message).toContain("kept because it is named as an exception");
  });

  it("warns about a retiring model with the days left", () => {
    const notice = lifecycleNotice(catalogue, "claude-opus-4-5@20251101", { exceptionHint: hint });
    expect(notice).toMatchObject({ severity: "warning", status: "retiring" });
    expect(notice?.message).toContain("retires on 2027-01-22, in 50 days");
    expect(notice?.fix).toBe('Move to "claude-opus-5-5" (Claude Opus 5.5) before 2027-01-22.');
  });

  it("says nothing about current and superseded models", () => {
    for (const id of ["claude-opus-5-5", "claude-sonnet-4-6", "claude-haiku-4-5@20251001"]) expect(lifecycleNotice(catalogue, id, { exceptionHint: hint })).toBeUndefined();
  });

  it("finds exceptions that do nothing: the model is neither retired nor retiring", () => {
    expect(idleRetiredExceptions(catalogue, ["claude-sonnet-4-5@20250929", "claude-opus-4-5@20251101", "claude-sonnet-4-6", "claude-nope"])).toEqual(["claude-sonnet-4-6", "claude-nope"]);
  });

  it("still names the @ form for the Anthropic API's dated form, and the escape hatch for unknown IDs", () => {
    expect(modelProblem("claude-sonnet-4-5-20250929", { catalogue })).toContain('Use "claude-sonnet-4-5@20250929"');
    expect(modelProblem("claude-opus-6", { catalogue })).toMatch(/not a known Vertex Claude model ID\. Current: claude-opus-5-5, claude-sonnet-5-5, claude-haiku-5-5 .*allowUnknownModels: true/);
    expect(modelProblem("claude-opus-6", { catalogue, allowUnknownModels: true })).toBeUndefined();
  });
});

describe("overrides (what a catalogue file does)", () => {
  it("changes only the fields given, clears one with null, and adds new models", () => {
    const changed = catalogue.withOverrides(
      [
        { id: "claude-haiku-4-5@20251001", retirementDate: "2027-01-10", source: "Vertex notice" },
        { id: "claude-opus-4-5@20251101", retirementDate: null },
        { id: "claude-opus-6", family: "opus", name: "Claude Opus 6", regions: ["global"] },
      ],
      "models.json",
    );
    expect(changed.lifecycle("claude-haiku-4-5@20251001")).toMatchObject({ status: "retiring", retirementDate: "2027-01-10", replacement: "claude-haiku-5-5" });
    expect(changed.find("claude-haiku-4-5@20251001")).toMatchObject({ name: "Claude Haiku 4.5", source: "Vertex notice" });
    expect(changed.lifecycle("claude-opus-4-5@20251101")).toEqual({ status: "superseded", replacement: "claude-opus-5-5" });
    expect(changed.lifecycle("claude-opus-6")).toEqual({ status: "current" });
    expect(changed.sources).toEqual(["built-in", "models.json"]);
    // The original is untouched.
    expect(catalogue.find("claude-opus-6")).toBeUndefined();
  });

  it("needs a family for a model the catalogue does not know", () => {
    expect(() => catalogue.withOverrides([{ id: "claude-opus-6" }], "models.json")).toThrow(/models\.json: .*"claude-opus-6" .*needs a family/);
  });
});
