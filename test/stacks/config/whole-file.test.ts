/**
 * File-level failures: unreadable files, invalid JSON (with line:column), and a file with many
 * mistakes, which must come back as ONE error listing every one of them.
 */
import { loadTeamsFile, TeamsFileError } from "../../../stacks/config";
import { loadError, problemLines, validFile } from "./support";
import { testDir } from "../../support/run-root";

describe("a file that cannot be read", () => {
  it("names a missing file and suggests the example", () => {
    expect(() => loadTeamsFile("/nonexistent/teams.json")).toThrow(
      "/nonexistent/teams.json: (root): cannot read the file: the file does not exist (ENOENT). Fix: check the path, or copy stacks/teams.example.json to start.",
    );
  });

  it("names a directory passed by mistake", () => {
    const dir = testDir("teams-dir-");
    expect(() => loadTeamsFile(dir)).toThrow(/cannot read the file: this is a directory, not a file \(EISDIR\)\. Fix: point at the teams\.json file inside it\./);
  });
});

describe("invalid JSON is reported at its line and column", () => {
  const cases: { mistake: string; text: string; at: string; says: string }[] = [
    { mistake: "two documents pasted one after the other", text: '{ "gcp": {} }\n{ "teams": [] }\n', at: "teams.json:2:1:", says: "unexpected text after the end of the JSON document" },
    { mistake: "a comment", text: '{\n  // our project\n  "gcp": {}\n}', at: "teams.json:2:3:", says: "comments are not allowed in JSON" },
    { mistake: "single quotes", text: "{\n  \"gcp\": {\n    \"project_id\": 'acme'\n  }\n}", at: "teams.json:3:19:", says: "strings must use double quotes" },
    { mistake: "a missing comma between fields", text: '{\n  "gcp": {}\n  "teams": []\n}', at: "teams.json:3:3:", says: 'expected "," or "}" after the value' },
    { mistake: "an unquoted field name (YAML habit)", text: "{\n  gcp: {}\n}", at: "teams.json:2:3:", says: "property names must be in double quotes" },
    { mistake: "a truncated file", text: '{\n  "gcp": {\n', at: "teams.json:3:1:", says: "the file ends early" },
    { mistake: "an empty file", text: "", at: "teams.json:1:1:", says: "the file is empty" },
  ];

  it.each(cases)("$mistake", ({ text, at, says }) => {
    const lines = problemLines(loadError(text));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(at);
    expect(lines[0]).toContain(`invalid JSON: ${says}`);
    expect(lines[0]).toMatch(/ Fix: \S/);
  });

  it("points a trailing comma at the comma itself", () => {
    const text = '{\n  "gcp": { "project_id": "acme-claude-prod" },\n  "teams": [{ "name": "payments" },]\n}';
    expect(problemLines(loadError(text))[0]).toContain("teams.json:3:35: invalid JSON: trailing comma: JSON allows no comma after the last item. Fix: remove this comma.");
  });
});

describe("a file with many mistakes", () => {
  const file = validFile();
  file.gcp.region = "us-central-1";
  file.portkey.gateway_url = "https://api.portkey.ai/v1";
  file.teams[0].budjet = { limit: 10 };
  file.teams[1].models = { opus: "claude-opus-4-1-20250805" };
  file.teams[2].name = "payments";
  file.teams[2].budget.limit = 0;

  it("throws one TeamsFileError that lists every problem, each with its path and fix", () => {
    const error = loadError(file);
    expect(error).toBeInstanceOf(TeamsFileError);
    expect(error.message.split("\n")[0]).toMatch(/teams\.json has 6 problems; nothing is deployed until it validates:$/);
    const lines = problemLines(error);
    const paths = error.problems.map((problem) => problem.path.join("."));
    expect(paths.sort()).toEqual(["gcp.region", "portkey.gateway_url", "teams.0.budjet", "teams.1.models.opus", "teams.2.budget.limit", "teams.2.name"].sort());
    for (const line of lines) expect(line).toMatch(/teams\.json: [\w.[\]"]+: .+ Fix: \S/);
  });

  it("still checks the teams that parse when another part of the file is broken", () => {
    // The model and duplicate-name checks need merged teams; they ran despite the bad region.
    const lines = problemLines(loadError(file));
    expect(lines.some((line) => line.includes('teams[1].models.opus: "claude-opus-4-1-20250805" is the Anthropic API form'))).toBe(true);
    expect(lines.some((line) => line.includes('teams[2].name: "payments" is already the name of teams[0]'))).toBe(true);
  });
});
