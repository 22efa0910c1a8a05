/**
 * `claude-vertex-portkey warm [--] <command> [args…]`: run a command (a script that plans or
 * applies many stacks, `cdktf deploy '*'`, a CI step) with one warm portkeyadmin provider that
 * every Terraform run inside it reattaches to, then stop that provider.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { PROVIDER_SOURCE } from "../../provider/install/address";
import { EXIT, type Io, UsageError } from "../args";
import { alreadyWarm, REATTACH_VAR, reattachValue } from "./reattach-env";
import { startWarmProvider } from "./start-warm-provider";

export const WARM_HELP = `Usage: claude-vertex-portkey warm [--] <command> [args...]

Runs <command> with one portkeyadmin provider (${PROVIDER_SOURCE}) already started, and
stops it when <command> exits. Every terraform run inside <command> (cdktf deploy, a loop over team
stacks) reattaches to it through ${REATTACH_VAR} instead of starting its own 3-4 provider processes
per command, so a team stack's plan costs about what Terraform itself costs (docs/benchmarks.md).

  claude-vertex-portkey warm -- npx cdktf deploy '*' --auto-approve
  claude-vertex-portkey warm -- sh -c 'for d in stacks/*/; do terraform -chdir="$d" plan; done'

Each terraform run gets its own configuration, secrets, caches and cancellation. Shared: the
provider reads PORTKEY_API_KEY, PORTKEY_BASE_URL and the other PORTKEY_* settings from the
environment of this command, once; runs that need other values must set them in the provider
block, or use one \`warm\` per setting. Runs share one Node process, so parallel runs share its CPU.
The provider listens on a unix socket in a directory only you can open (not on Windows).

The exit code is <command>'s.
`;

export async function warm(args: string[], io: Io): Promise<number> {
  if (args[0] === "--help" || args[0] === "-h") {
    io.stdout(WARM_HELP);
    return EXIT.ok;
  }
  const command = args[0] === "--" ? args.slice(1) : args;
  if (command.length === 0) throw new UsageError("warm needs the command to run, e.g. `claude-vertex-portkey warm -- npx cdktf deploy '*'`.");
  const env: NodeJS.ProcessEnv = { ...io.env };
  let nested: boolean;
  try {
    nested = alreadyWarm(env[REATTACH_VAR]);
  } catch (error) {
    io.stderr(`✗ ${(error as Error).message}\n`);
    return EXIT.problems;
  }
  if (nested) return runCommand(command, env, io); // an outer `warm` already serves this provider

  let provider: Awaited<ReturnType<typeof startWarmProvider>>;
  try {
    provider = await startWarmProvider(env);
    env[REATTACH_VAR] = reattachValue(provider, env[REATTACH_VAR]);
  } catch (error) {
    io.stderr(`✗ ${(error as Error).message}\n`);
    return EXIT.problems;
  }
  try {
    return await runCommand(command, env, io);
  } finally {
    await provider.stop();
  }
}

/** Runs the command with the terminal; Ctrl-C reaches it directly (same process group), SIGTERM is passed on. */
function runCommand(command: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const [file, ...rest] = command as [string, ...string[]];
  return new Promise((resolve) => {
    const child = spawn(file, rest, { env, stdio: "inherit", cwd: io.cwd });
    const ignoreInterrupt = () => undefined; // the command decides what Ctrl-C means; we wait for it
    const passOn = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", ignoreInterrupt);
    process.on("SIGTERM", passOn);
    process.on("SIGHUP", passOn);
    const done = (code: number) => {
      process.off("SIGINT", ignoreInterrupt);
      process.off("SIGTERM", passOn);
      process.off("SIGHUP", passOn);
      resolve(code);
    };
    child.once("error", (error) => {
      io.stderr(`✗ could not run ${JSON.stringify(file)}: ${error.message}\n`);
      done(127);
    });
    child.once("exit", (code, signal) => done(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
}
