/**
 * `npm run demo`: the main job on the embedded default, on a fresh machine (after `npm run build`,
 * with terraform 1.11 on PATH, no cloud account; src/cli/demo/emulator-demo.ts):
 *  1. start the local Portkey emulator;
 *  2. synthesize the app (stacks/main) from stacks/teams.example.json, pointed at the emulator;
 *  3. `terraform init` + `apply` the platform stack, then the team stacks in parallel, with the
 *     real terraform and this project's provider (installed from the mirror synth writes);
 *  4. show the GCP stack that needs a real project (synthesized, not deployed);
 *  5. write the outputs, onboard one developer into a temporary HOME, run `doctor --probe`
 *     against the emulator's gateway, and print the settings file's path.
 *
 * `npm run demo -- --real` (src/cli/demo/real.ts): the same flow against a real GCP project and
 * Portkey organisation, from TEAMS_FILE or stacks/teams.json with CVP_GCP=real, synthesized into
 * the persistent cdktf.out. It prints the plan of action and checks PORTKEY_API_KEY, Google
 * credentials and terraform; it deploys only with `--yes` (or "yes" typed on a terminal), else it
 * exits 1 having changed nothing. Then: platform, teams in parallel, outputs (0600), the Model
 * Garden step, onboard + `doctor --probe` against the real gateway.
 *
 * Exit codes: 0 done, 1 failed or not confirmed (nothing real changed before confirmation), 2 bad options.
 */
import { homedir } from "node:os";
import { createInterface } from "node:readline/promises";
import { EXIT, UsageError } from "./args";
import { DEMO_HELP, parseDemoArgs } from "./demo/args";
import { onboardAndProbe } from "./demo/developer";
import { emulatorDemo } from "./demo/emulator-demo";
import { realDemo } from "./demo/real";
import { runTerraform } from "./run-terraform";

/** A real apply creates cloud resources: give each terraform command half an hour, not the emulator's two minutes. */
const REAL_TIMEOUT_MS = 30 * 60_000;

async function askYes(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseDemoArgs(argv);
  if (args.help) {
    process.stdout.write(DEMO_HELP);
    return EXIT.ok;
  }
  if (!args.real) return emulatorDemo();
  return realDemo(
    { yes: args.yes, ...(args.outdir !== undefined ? { outdir: args.outdir } : {}) },
    {
      env: process.env,
      cwd: process.cwd(),
      homeDir: homedir(),
      say: (line = "") => console.log(line),
      runner: (cwd, runArgs, env) => runTerraform(cwd, runArgs, env, REAL_TIMEOUT_MS),
      ...(process.stdin.isTTY && process.stdout.isTTY ? { confirm: askYes } : {}),
      checkDeveloper: onboardAndProbe,
    },
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${DEMO_HELP}`);
      process.exit(EXIT.usage);
    }
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
