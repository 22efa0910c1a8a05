/**
 * The deployable app as `cdktf synth` runs it: the app command from cdktf.json, started through
 * the shell in the project root with the environment cdktf-cli 0.21 gives it
 * (@cdktf/cli-core SynthStack.synth: TF_VAR_* removed, NODE_OPTIONS=--max-old-space-size=4096
 * unless set, CDKTF_OUTDIR, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, CDKTF_CONTEXT_JSON with
 * cdktf.json's context plus cdktfRelativeModules, SYNTH_HCL_OUTPUT) — and teams files of any size.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../src/provider/install";

interface CdktfJson {
  readonly app: string;
  readonly context?: Record<string, unknown>;
}

function cdktfJson(): CdktfJson {
  return JSON.parse(readFileSync(join(packageRoot(), "cdktf.json"), "utf8")) as CdktfJson;
}

/** `node dist/stacks/main.js` today. */
export function appCommand(): string {
  return cdktfJson().app;
}

/** Fails early, naming the fix, when the compiled app is missing. */
export function requireBuiltApp(): void {
  const main = join(packageRoot(), "dist", "stacks", "main.js");
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` before \`npm run bench\`.`);
}

/** The environment cdktf-cli starts the app command with, plus TEAMS_FILE. */
export function synthEnv(outdir: string, teamsFile: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TF_VAR_")));
  if (!env.NODE_OPTIONS) env.NODE_OPTIONS = "--max-old-space-size=4096";
  return {
    ...env,
    CHECKPOINT_DISABLE: "1",
    TEAMS_FILE: teamsFile,
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
    CDKTF_CONTEXT_JSON: JSON.stringify({ ...(cdktfJson().context ?? {}), cdktfRelativeModules: [] }),
    SYNTH_HCL_OUTPUT: "false",
  };
}

interface TeamsFileShape {
  readonly teams: ReadonlyArray<{ readonly name: string; readonly metadata?: Record<string, string> }>;
}

/**
 * A teams file of `count` teams: stacks/teams.example.json with its first team (the fullest
 * shape: budget, rate limit, fallback routing over two regions, three keys, metadata) repeated
 * under unique names `<name>-001`…, so every team costs the same and 1 team is the same work
 * as each of 100.
 */
export function writeTeamsFile(path: string, count: number): void {
  const example = JSON.parse(readFileSync(join(packageRoot(), "stacks", "teams.example.json"), "utf8")) as TeamsFileShape & Record<string, unknown>;
  const shape = example.teams[0];
  const width = String(count).length;
  const teams = Array.from({ length: count }, (_, i) => {
    const name = `${shape.name}-${String(i + 1).padStart(width, "0")}`;
    return { ...shape, name, ...(shape.metadata ? { metadata: { ...shape.metadata, team: name } } : {}) };
  });
  const { $schema: _schema, ...rest } = example;
  writeFileSync(path, JSON.stringify({ ...rest, teams }, null, 2));
}

/** Stack names in `outdir/manifest.json`: proof the run synthesized what it should. */
export function synthesizedStacks(outdir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
  return Object.keys(manifest.stacks);
}
