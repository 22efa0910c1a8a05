/**
 * A project folder as `cdktf init` would leave it, whose app is this package's, pointed at an
 * in-process emulator; and a way to run a CLI in it. No network and no CLI config: HOME is
 * empty and every TF_* / CDKTF_* variable is dropped, so terraform finds the provider only through
 * what synthesis writes into each stack folder. CHECKPOINT_DISABLE=1 turns off cdktf-cli's
 * telemetry and Terraform's checkpoint; DISABLE_VERSION_CHECK=true its `npm view cdktf-cli
 * version`; cdktf.json's "sendCrashReports": "false" its crash reports.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningEmulator } from "../../../src/cli/emulator";
import { bundledProviderPath, packageRoot } from "../../../src/provider/install";
import { FAKE_SERVICE_ACCOUNT } from "../../fixtures/fake-service-account";
import { testDir } from "../../support/run-root";

export const ROOT = packageRoot(__dirname);
// CVP_CDKTF_CLI runs the same flows with another CLI binary: .ci/cdktn points it at CDK Terrain's `cdktn`.
export const CDKTF = process.env.CVP_CDKTF_CLI || join(ROOT, "node_modules", ".bin", "cdktf");
export const APP = join(ROOT, "dist", "stacks", "main.js");
export const ONBOARD = join(ROOT, "dist", "src", "cli", "main.js");

export interface Run {
  readonly code: number;
  /** stdout + stderr, ANSI escapes removed. */
  readonly output: string;
  readonly seconds: number;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal escapes
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ code: code ?? -1, output: output.replace(ANSI, ""), seconds });
    });
  });
}

/** Fail early, with the fix, when the build or the CLI is missing. */
export function checkPrerequisites(): void {
  for (const file of [bundledProviderPath(), APP, ONBOARD]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before this test.`);
  }
  if (!existsSync(CDKTF)) throw new Error(`${CDKTF} is missing: cdktf-cli is a dev dependency (npm ci)${process.env.CVP_CDKTF_CLI ? "; or fix CVP_CDKTF_CLI" : ""}.`);
}

export interface CdktfProject {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
}

type Teams = { portkey: Record<string, unknown>; teams: { name: string }[] } & Record<string, unknown>;

/**
 * The example teams file pointed at the emulator, with `edit` applied (e.g. keep some teams),
 * in a fresh project folder.
 */
export function createCdktfProject(prefix: string, emulator: RunningEmulator, adminKey: string, edit: (teams: Teams) => Teams = (teams) => teams): CdktfProject {
  const dir = testDir(prefix);
  writeFileSync(
    join(dir, "cdktf.json"),
    JSON.stringify({ language: "typescript", app: `node ${APP}`, projectId: prefix.replace(/-$/, ""), sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} }, null, 2),
  );
  const teams = JSON.parse(readFileSync(join(ROOT, "stacks", "teams.example.json"), "utf8")) as Teams;
  delete teams.$schema;
  teams.portkey = { ...teams.portkey, base_url: emulator.adminUrl, gateway_url: emulator.url };
  writeFileSync(join(dir, "teams.json"), JSON.stringify(edit(teams), null, 2));

  const home = join(dir, "home");
  mkdirSync(home);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TF_") && !name.startsWith("CDKTF_")));
  const env = {
    ...inherited,
    HOME: home,
    CHECKPOINT_DISABLE: "1",
    DISABLE_VERSION_CHECK: "true",
    CI: "1",
    TEAMS_FILE: "teams.json",
    CVP_GCP: "off",
    PORTKEY_API_KEY: adminKey,
    TF_VAR_vertex_service_account_json: JSON.stringify(FAKE_SERVICE_ACCOUNT),
    TF_VAR_vertex_service_account_json_version: "2026-01",
  };
  return { dir, env };
}
