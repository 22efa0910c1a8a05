/**
 * stacks/main.ts as cdktf runs it (`node dist/stacks/main.js`, after `npm run build`): which
 * teams file it reads, and a bad file printing the loader's error and synthesizing nothing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readAppEnv } from "../../../stacks/app";
import { EXAMPLE_FILE, exampleFile, tempDir, writeTeamsFile } from "./support";

const MAIN = join(__dirname, "../../../dist/stacks/main.js");

function runMain(env: Record<string, string>): { status: number | null; stderr: string; outdir: string } {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the tests.`);
  const outdir = join(tempDir("app-main-"), "cdktf.out");
  const result = spawnSync(process.execPath, [MAIN], { env: { ...process.env, CDKTF_OUTDIR: outdir, ...env }, encoding: "utf8" });
  return { status: result.status, stderr: result.stderr, outdir };
}

describe("stacks/main.js", () => {
  it("synthesizes every stack from TEAMS_FILE", () => {
    const { status, outdir } = runMain({ TEAMS_FILE: EXAMPLE_FILE });
    expect(status).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["platform", "platform-gcp", "team-data-science", "team-mobile", "team-payments"]);
  });

  it("prints the loader's error for a bad teams file and synthesizes nothing", () => {
    const file = exampleFile();
    file.teams[2].budget.limit = 0;
    file.portkey.base_url = "https://api.portkey.ai";
    const { status, stderr, outdir } = runMain({ TEAMS_FILE: writeTeamsFile(file) });
    expect(status).toBe(1);
    expect(stderr).toContain("has 2 problems; nothing is deployed until it validates");
    expect(stderr).toContain("teams[2].budget.limit");
    expect(stderr).toContain("portkey.base_url");
    expect(existsSync(outdir)).toBe(false);
  });

  it("rejects an unknown CVP_GCP mode, naming both modes", () => {
    const { status, stderr, outdir } = runMain({ TEAMS_FILE: EXAMPLE_FILE, CVP_GCP: "on" });
    expect(status).toBe(1);
    expect(stderr).toContain('CVP_GCP="on" is not a mode');
    expect(stderr).toContain("CVP_GCP=real");
    expect(existsSync(outdir)).toBe(false);
  });
});

describe("which teams file the app reads", () => {
  it("TEAMS_FILE, relative to the working directory", () => {
    const repo = tempDir("app-repo-");
    mkdirSync(join(repo, "conf"));
    writeFileSync(join(repo, "conf", "teams.json"), "{}");
    expect(readAppEnv({ TEAMS_FILE: "conf/teams.json" }, repo)).toEqual({ teamsFile: join(repo, "conf", "teams.json"), gcp: "off" });
  });

  it.each([
    ["pasted with a line break", "conf/teams.json\n", 'TEAMS_FILE="conf/teams.json\\n" has spaces, a line break or a control character around or inside it.'],
    ["only spaces", "  ", 'TEAMS_FILE="  " has only spaces.'],
    ["a path with no file", "conf/missing.json", 'TEAMS_FILE="conf/missing.json": there is no file at '],
  ])("refuses TEAMS_FILE %s, naming the variable and the fix", (_name, value, says) => {
    const repo = tempDir("app-repo-");
    expect(() => readAppEnv({ TEAMS_FILE: value }, repo)).toThrow(says);
    expect(() => readAppEnv({ TEAMS_FILE: value }, repo)).toThrow("Fix: set TEAMS_FILE to the path of your teams file");
  });

  it("stacks/teams.json when it exists, with CVP_GCP=real passed through", () => {
    const stacksDir = tempDir("app-stacks-");
    writeFileSync(join(stacksDir, "teams.json"), "{}");
    expect(readAppEnv({ CVP_GCP: "real" }, "/", stacksDir)).toEqual({ teamsFile: join(stacksDir, "teams.json"), gcp: "real" });
  });

  it("falls back to the example file, with a note saying how to use your own", () => {
    const stacksDir = tempDir("app-stacks-");
    mkdirSync(stacksDir, { recursive: true });
    const env = readAppEnv({}, "/", stacksDir);
    expect(env.teamsFile).toBe(join(stacksDir, "teams.example.json"));
    expect(env.note).toContain("Copy it to stacks/teams.json (or set TEAMS_FILE)");
  });
});
