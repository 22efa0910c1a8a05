#!/usr/bin/env node
/**
 * `portkey-emulator`: run the local Portkey emulator until SIGINT/SIGTERM.
 *
 *   node dist/src/cli/emulator-main.js [--port 8787] [--host 127.0.0.1] [--admin-key KEY]
 *     [--state-file state.json] [--faults faults.json] [--seed 1] [--latency-ms 0] [--print-key] [--verbose]
 *
 * The admin key comes from --admin-key, else $PORTKEY_EMULATOR_ADMIN_KEY, else a generated one
 * (printed masked unless --print-key). Prints one line with the URL when ready.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { redactingLogger } from "../portkey/log";
import { SecretRegistry } from "../portkey/redact";
import { type FaultProfile, faultProfileSchema, startEmulator } from "./emulator";
import { maskSecret } from "./emulator/ids";

const USAGE = `Usage: portkey-emulator [options]
  --port <n>           TCP port (default 0: a free one)
  --host <addr>        interface to bind (default 127.0.0.1)
  --admin-key <key>    admin key (default $PORTKEY_EMULATOR_ADMIN_KEY, else generated)
  --print-key          print the admin key in full (it is masked otherwise)
  --state-file <path>  persist state to this JSON file (mode 0600) and reload it on start
  --faults <path>      fault profile JSON ({ seed?, latencyMs?, rules: [...] })
  --seed <n>           seed for fault probabilities (default 1)
  --latency-ms <n>     latency added to every request
  --verbose            log every request to stderr
`;

class UsageError extends Error {}

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new UsageError(`--${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return parsed;
}

function loadFaults(file: string | undefined): FaultProfile | undefined {
  if (!file) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`--faults: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const result = faultProfileSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`--faults: ${file}: ${issue.path.join(".") || "profile"}: ${issue.message}`);
  }
  return raw as FaultProfile;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "admin-key": { type: "string" },
      "state-file": { type: "string" },
      faults: { type: "string" },
      seed: { type: "string" },
      "latency-ms": { type: "string" },
      "print-key": { type: "boolean" },
      verbose: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const given = values["admin-key"] ?? process.env.PORTKEY_EMULATOR_ADMIN_KEY;
  const adminKey = given ?? `pk-admin-${randomBytes(18).toString("base64url")}`;
  const secrets = new SecretRegistry();
  secrets.add(adminKey);
  const logger = redactingLogger((event) => process.stderr.write(`${event.level} ${event.message}\n`), secrets, values.verbose ? "debug" : "warn");

  const emulator = await startEmulator({
    adminKey,
    port: integer("port", values.port, 0, 65535),
    host: values.host,
    stateFile: values["state-file"],
    faults: loadFaults(values.faults),
    seed: integer("seed", values.seed, -(2 ** 31), 2 ** 31 - 1),
    latencyMs: integer("latency-ms", values["latency-ms"], 0, 600_000),
    logger,
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log("info", `emulator: ${signal}, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Handlers first, then the ready line: whoever waits for "ready" may signal at once.
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));

  const shownKey = values["print-key"] ? adminKey : maskSecret(adminKey);
  const keySource = given ? "" : " (generated)";
  process.stdout.write(`Portkey emulator ready at ${emulator.url} (Admin API ${emulator.adminUrl}; admin key ${shownKey}${keySource})\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`portkey-emulator: ${message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
