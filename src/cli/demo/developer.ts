/**
 * The developer's side of the demo: onboard one developer from an outputs file into a fresh
 * temporary HOME, then `doctor --probe` through the gateway the settings point at. The CLI runs
 * in-process (the emulator may serve from this process: a blocking child would starve it).
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Io } from "../args";
import { managedDir } from "../layers/paths";
import { run as runCli } from "../main";

export interface DeveloperCheck {
  /** The outputs file, in `cdktf output --outputs-file --outputs-file-include-sensitive-outputs` shape. */
  readonly outputsFile: string;
  /** The team stack and the settings output to onboard from, e.g. `team-payments`, `settings_claude-code`. */
  readonly stack: string;
  readonly output: string;
  readonly say: (line?: string) => void;
}

export interface DeveloperResult {
  /** The settings file onboard wrote (mode 0600; it holds the team's key). */
  readonly settingsFile: string;
}

export async function cli(args: string[], homeDir: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  let output = "";
  const io: Io = {
    stdout: (text) => (output += text),
    stderr: (text) => (output += text),
    readStdin: async () => "",
    env, // the developer's shell must not override the freshly written settings: only what is given
    homeDir,
    cwd: homeDir, // a fresh folder with no project settings
    managedDir: managedDir(), // the machine's: they would apply to this developer too
    now: () => new Date(),
  };
  const code = await runCli(args, io);
  return { code, output };
}

/** Who the demo's developer is (onboard sends it as _user). */
export const DEMO_DEVELOPER = "developer@demo.example.com";

export const indent = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");

/** Onboard into a new temporary HOME and probe; throws when either command fails (their output, masked by the CLI, is said first). */
export async function onboardAndProbe({ outputsFile, stack, output, say }: DeveloperCheck): Promise<DeveloperResult> {
  const home = mkdtempSync(join(tmpdir(), "cvp-demo-home-"));
  mkdirSync(join(home, ".claude"), { recursive: true });
  const selector = `${stack}.${output}`;
  const onboarded = await cli(["onboard", outputsFile, "--home", home, "--output", selector, "--user", DEMO_DEVELOPER], home);
  say(`\nclaude-vertex-portkey onboard ${outputsFile} --home ${home} --output ${selector} --user ${DEMO_DEVELOPER}`);
  say(indent(onboarded.output));
  if (onboarded.code !== 0) throw new Error(`onboard exited ${onboarded.code}.`);
  const doctor = await cli(["doctor", "--home", home, "--probe"], home);
  say(`\nclaude-vertex-portkey doctor --home ${home} --probe`);
  say(indent(doctor.output));
  if (doctor.code !== 0) throw new Error(`doctor --probe exited ${doctor.code}.`);
  return { settingsFile: join(home, ".claude", "settings.json") };
}
