/**
 * The CLI's edges, shared by its subcommands: argv parsing (node:util parseArgs, strict), the
 * documented exit codes, and the streams/env/clock a command runs against, injected so tests
 * run commands in-process against temp homes and a fake environment.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";

/** Exit codes of every subcommand (documented in `--help`). */
export const EXIT = {
  /** Done (onboard) / nothing wrong (doctor). */
  ok: 0,
  /** Onboard refused or failed / doctor found problems. */
  problems: 1,
  /** Bad command line: unknown option, missing argument. */
  usage: 2,
} as const;

export class UsageError extends Error {}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of stdin (for `onboard -`). */
  readStdin(): Promise<string>;
  /** The process environment the developer's shell gives Claude Code. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The home directory (~), unless `--home` overrides it. */
  readonly homeDir: string;
  /** The current directory: where Claude Code would start (doctor's project settings). */
  readonly cwd: string;
  /** The folder of managed-settings.json on this system (../layers/paths.ts), unless `--managed-dir` overrides it. */
  readonly managedDir: string;
  now(): Date;
}

/** parseArgs with strict options and positionals; its errors become usage errors. */
type Parsed<T extends ParseArgsConfig["options"]> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

export function parseCommandLine<T extends ParseArgsConfig["options"]>(args: string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A numeric option, checked. */
export function integerOption(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new UsageError(`--${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  return parsed;
}

/** At most one of these options may be given. */
export function exclusive(values: Record<string, unknown>, names: readonly string[]): void {
  const given = names.filter((name) => values[name] !== undefined && values[name] !== false);
  if (given.length > 1) throw new UsageError(`Choose one of ${given.map((name) => `--${name}`).join(", ")}, not several.`);
}
