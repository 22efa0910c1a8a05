#!/usr/bin/env node
/**
 * `claude-vertex-portkey`: the developer-facing CLI.
 *
 *   claude-vertex-portkey onboard <outputs.json | ->   write the team's gateway settings
 *   claude-vertex-portkey doctor [--probe]              check them (and the gateway)
 *
 * `run` is the whole program against injected streams and env (tests call it in-process);
 * the bottom of the file wires it to the real process.
 */
import { homedir } from "node:os";
import { EXIT, type Io, UsageError } from "./args";
import { doctor } from "./doctor/command";
import { managedDir } from "./layers/paths";
import { init } from "./init/command";
import { onboard } from "./onboard/command";
import { providerMirror } from "./provider-mirror";
import { usage } from "./usage/command";
import { warm } from "./warm/command";

export const HELP = `Usage: claude-vertex-portkey <command> [options]

Commands:
  onboard <outputs.json | ->   merge a team's Claude Code gateway settings (from terraform/cdktf
                               output JSON) into ~/.claude/settings.json, with a backup
  doctor [--probe]             check Claude Code settings for gateway pitfalls; --probe sends
                               one request through the gateway
  usage [--html <file>]        spend and tokens per team and per developer against each budget,
                               from Portkey's Admin API (PORTKEY_API_KEY)
  init <dir>                   write a platform repository that depends on this package
  provider-mirror <dir>        write the portkeyadmin provider as a Terraform/OpenTofu mirror
                               (for plain HCL), and the CLI configuration that installs from it
  warm -- <command>            run <command> (cdktf deploy, a loop over team stacks) with one warm
                               provider that every terraform run in it reattaches to

Run \`claude-vertex-portkey <command> --help\` for a command's options.
Exit codes: 0 success / no problems, 1 refused or problems found, 2 usage error.
`;

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = { onboard, doctor, usage, init, "provider-mirror": providerMirror, warm };

export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`Unknown command ${JSON.stringify(name)}.\n\n${HELP}`);
    return EXIT.usage;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`claude-vertex-portkey ${name}: ${error.message}\nRun \`claude-vertex-portkey ${name} --help\` for usage.\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}

if (require.main === module) {
  const io: Io = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
    env: process.env,
    homeDir: homedir(),
    cwd: process.cwd(),
    managedDir: managedDir(),
    now: () => new Date(),
  };
  run(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      // Unexpected failures: no stack with values in it, just the message (it never holds a key).
      process.stderr.write(`claude-vertex-portkey: ${error.message}\n`);
      process.exitCode = EXIT.problems;
    },
  );
}
