/**
 * The teams file and the models of a given day (pinned to 2026-12-03: Claude Sonnet 4.5 retired
 * on 2026-11-30, Claude Opus 4.5 retires on 2027-01-22): retired models refused unless named in
 * allow_retired_models, retiring ones warned about, a models catalogue file that changes the
 * catalogue without a release, and models_catalogue.from_portkey.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadTeamsFile, TeamsFileError } from "../../../stacks/config";
import { type LooseFile, problemLines, validFile, writeTeamsFile } from "./support";

const AS_OF = "2026-12-03";
const RETIRED = "claude-sonnet-4-5@20250929";
const RETIRING = "claude-opus-4-5@20251101";

const load = (file: LooseFile, asOf = AS_OF) => loadTeamsFile(writeTeamsFile(file), { asOf });

function rejected(path: string, asOf = AS_OF): TeamsFileError {
  try {
    loadTeamsFile(path, { asOf });
  } catch (error) {
    if (error instanceof TeamsFileError) return error;
    throw error;
  }
  throw new Error("expected the file to be rejected, but it loaded");
}

/** A teams file with a models catalogue file beside it. */
function withCatalogue(catalogue: unknown, edit: (file: LooseFile) => void = () => {}): string {
  const file = validFile();
  file.models_catalogue = { file: "models.json" };
  edit(file);
  const teams = writeTeamsFile(file);
  writeFileSync(join(dirname(teams), "models.json"), typeof catalogue === "string" ? catalogue : JSON.stringify(catalogue, null, 2));
  return teams;
}

describe("retired and retiring models in the teams file", () => {
  it("refuses a retired model at its path, with the date, the replacement and the exception", () => {
    const file = validFile();
    file.teams[1].models = { sonnet: RETIRED };
    expect(() => load(file)).toThrow(TeamsFileError);
    const lines = problemLines(rejectedFile(file));
    expect(lines).toEqual([
      expect.stringContaining(`teams.json: teams[1].models.sonnet: "${RETIRED}" (Claude Sonnet 4.5) was retired on 2026-11-30`),
    ]);
    expect(lines[0]).toContain(`Fix: Use "claude-sonnet-5-5" (Claude Sonnet 5.5) instead. If your organisation still has access under an exception, add "${RETIRED}" to "allow_retired_models" in models.`);
  });

  it("reports a retired model set in defaults once, at defaults", () => {
    const file = validFile();
    file.defaults.models = { default: RETIRED };
    expect(problemLines(rejectedFile(file))).toEqual([expect.stringMatching(/teams\.json: defaults\.models\.default: .*was retired on 2026-11-30 .*: requests to it fail \(default takes an alias, opus, sonnet or haiku, or a model ID\)\. Fix: /)]);
  });

  it("deploys a retired model the team names in allow_retired_models, with a warning", () => {
    const file = validFile();
    file.teams[1].models = { sonnet: RETIRED, allow_retired_models: [RETIRED] };
    const config = load(file);
    expect(config.teams[1].models.allow_retired_models).toEqual([RETIRED]);
    expect(config.warnings).toEqual([expect.stringContaining(`teams[1].models.sonnet: "${RETIRED}" (Claude Sonnet 4.5) was retired on 2026-11-30`)]);
    expect(config.warnings[0]).toContain("kept because it is named as an exception");
  });

  it("does not let one team's exception cover another team", () => {
    const file = validFile();
    file.teams[0].models = { allow_retired_models: [RETIRED] };
    file.teams[1].models = { sonnet: RETIRED };
    expect(problemLines(rejectedFile(file))).toEqual([expect.stringContaining('teams[1].models.sonnet: "claude-sonnet-4-5@20250929"')]);
  });

  it("warns about a retiring model with the days left", () => {
    const file = validFile();
    file.teams[0].models = { opus: RETIRING };
    expect(load(file).warnings).toEqual([
      expect.stringContaining(`teams[0].models.opus: "${RETIRING}" (Claude Opus 4.5) retires on 2027-01-22, in 50 days`),
    ]);
  });

  it("warns about an exception that does nothing", () => {
    const file = validFile();
    file.teams[2].models = { allow_retired_models: ["claude-sonnet-4-6"] };
    expect(load(file).warnings).toEqual([expect.stringContaining('teams[2].models.allow_retired_models: "claude-sonnet-4-6" is named as a retired-model exception, but the catalogue does not retire it by 2026-12-03')]);
  });

  it("evaluates on the date it is given: the same file loads on 2026-11-01 with a retiring warning", () => {
    const file = validFile();
    file.teams[1].models = { sonnet: RETIRED };
    expect(load(file, "2026-11-01").warnings).toEqual([expect.stringContaining("retires on 2026-11-30, in 29 days")]);
  });

  it("documents allow_retired_models and models_catalogue in the JSON schema", () => {
    const file = validFile();
    file.teams[0].models = { allow_retired_model: [RETIRED] };
    expect(problemLines(rejectedFile(file))).toEqual([expect.stringContaining('unknown field "allow_retired_model" (did you mean "allow_retired_models"?)')]);
  });
});

describe("a models catalogue file (models_catalogue.file)", () => {
  it("adds a model, so a team uses it without allow_unknown_models", () => {
    const teams = withCatalogue({ models: [{ id: "claude-opus-6", family: "opus", name: "Claude Opus 6", regions: ["global"], source: "Model Garden, 2027-02-01" }] }, (file) => {
      file.teams[0].models = { opus: "claude-opus-6" };
    });
    const config = loadTeamsFile(teams, { asOf: AS_OF });
    expect(config.teams[0].models.opus).toBe("claude-opus-6");
    expect(config.warnings).toEqual([]);
    expect(config.models_catalogue.file).toBe(join(dirname(teams), "models.json"));
    expect(config.models_catalogue.catalogue.find("claude-opus-6")).toMatchObject({ family: "opus", name: "Claude Opus 6" });
  });

  it("changes a retirement date: a Vertex extension un-retires Sonnet 4.5, a new notice makes Haiku 4.5 retiring", () => {
    const teams = withCatalogue(
      {
        models: [
          { id: RETIRED, retirement_date: "2027-05-01", source: "Vertex AI notice, 2026-11-20" },
          { id: "claude-haiku-4-5@20251001", retirement_date: "2027-01-15", unconfirmed: "tentative" },
        ],
      },
      (file) => {
        file.teams[0].models = { sonnet: RETIRED, haiku: "claude-haiku-4-5@20251001" };
      },
    );
    expect(loadTeamsFile(teams, { asOf: AS_OF }).warnings).toEqual([expect.stringContaining('teams[0].models.haiku: "claude-haiku-4-5@20251001" (Claude Haiku 4.5) retires on 2027-01-15, in 43 days (unconfirmed: tentative)')]);
  });

  it("reports a built-in default the catalogue file retires, at the team that relies on it", () => {
    const teams = withCatalogue({ models: [{ id: "claude-haiku-5-5", retirement_date: "2026-12-01" }] }, (file) => {
      file.teams = [{ name: "payments" }];
    });
    expect(problemLines(rejected(teams))).toEqual([expect.stringMatching(/teams\.json: teams\[0\]\.models: "claude-haiku-5-5" .*was retired on 2026-12-01: requests to it fail \(the built-in default for haiku\)\. Fix: Use a current haiku model instead\. .*"allow_retired_models"/)]);
  });

  it.each<[string, unknown, string, string[]]>([
    ["invalid JSON", '{ "models": [ ] ', "models.json:1:17", ["invalid JSON"]],
    ["no models list", {}, "models.json: models", ['"models" is missing']],
    ["an unknown field", { models: [{ id: "claude-opus-6", family: "opus", retirment_date: "2027-01-01" }] }, "models.json: models[0].retirment_date", ['did you mean "retirement_date"']],
    ["a date that is not YYYY-MM-DD", { models: [{ id: RETIRED, retirement_date: "30/11/2026" }] }, "models.json: models[0].retirement_date", ['"30/11/2026" is not a date written YYYY-MM-DD', 'write the day, e.g. "2027-01-22"']],
    ["a date that does not exist", { models: [{ id: RETIRED, retirement_date: "2027-02-30" }] }, "models.json: models[0].retirement_date", ["is not a date written YYYY-MM-DD"]],
    ["the Anthropic API form of an ID", { models: [{ id: "claude-opus-4-5-20251101", retirement_date: "2027-01-22" }] }, "models.json: models[0].id", ['write "claude-opus-4-5@20251101"']],
    ["a new model without a family", { models: [{ id: "claude-opus-6" }] }, "models.json: models[0]", ["is not in the built-in catalogue", 'add "family"']],
    ["a family that does not exist", { models: [{ id: "claude-opus-6", family: "Opus" }] }, "models.json: models[0].family", ['did you mean "opus"']],
    ["a replacement nobody knows", { models: [{ id: "claude-opus-4-8", superseded_by: "claude-opus-55" }] }, "models.json: models[0].superseded_by", ['"claude-opus-55" is not in the catalogue (did you mean "claude-opus-5-5"?)']],
    ["a source spanning lines", { models: [{ id: "claude-opus-4-8", source: "line one\n\u001b[31mline two" }] }, "models.json: models[0].source", ["contains a line break or a control character"]],
    ["the same model twice", { models: [{ id: "claude-opus-4-8", source: "a" }, { id: "claude-opus-4-8", source: "b" }] }, "models.json: models[1].id", ["is already models[0]"]],
  ])("names the catalogue file, the path and the fix for %s", (_what, catalogue, where, says) => {
    const lines = problemLines(rejected(withCatalogue(catalogue)));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(where);
    for (const fragment of says) expect(lines[0]).toContain(fragment);
    expect(lines[0]).toMatch(/ Fix: \S/);
  });

  it("says which file is missing and where it was looked for", () => {
    const file = validFile();
    file.models_catalogue = { file: "nowhere/models.json" };
    const error = rejected(writeTeamsFile(file));
    expect(error.file).toMatch(/nowhere\/models\.json$/);
    expect(problemLines(error)).toEqual([expect.stringContaining('cannot read the models catalogue: the file does not exist (ENOENT). Fix: check "models_catalogue.file" in the teams file (it is relative to the teams file)')]);
  });
});

describe("models_catalogue.from_portkey", () => {
  it("accepts a model the catalogue does not know, with a warning that the plan checks it against Portkey", () => {
    const file = validFile();
    file.models_catalogue = { from_portkey: true };
    file.teams[0].models = { opus: "claude-opus-6" };
    const config = load(file);
    expect(config.models_catalogue.from_portkey).toBe(true);
    expect(config.warnings).toEqual([expect.stringMatching(/teams\[0\]\.models\.opus: "claude-opus-6" is not in the model catalogue .*; the team's plan checks it against Portkey's list of the integration's models/)]);
  });

  it("still refuses what Portkey cannot fix: retired models, the Anthropic API form, non-Claude IDs", () => {
    const file = validFile();
    file.models_catalogue = { from_portkey: true };
    file.teams[0].models = { sonnet: RETIRED, haiku: "claude-haiku-4-5-20251001", opus: "gpt-4o" };
    const lines = problemLines(rejectedFile(file));
    expect(lines).toHaveLength(3);
    expect(lines.join("\n")).toContain("was retired on 2026-11-30");
    expect(lines.join("\n")).toContain('use "claude-haiku-4-5@20251001"');
    expect(lines.join("\n")).toContain('"gpt-4o" is not a Claude model ID');
  });

  it("without it, refuses the unknown model and names the three ways to accept one", () => {
    const file = validFile();
    file.teams[0].models = { opus: "claude-opus-6" };
    const [line] = problemLines(rejectedFile(file));
    expect(line).toContain('"allow_unknown_models": true');
    expect(line).toContain("models catalogue file");
    expect(line).toContain('"models_catalogue": {"from_portkey": true}');
  });
});

function rejectedFile(file: LooseFile): TeamsFileError {
  return rejected(writeTeamsFile(file));
}
