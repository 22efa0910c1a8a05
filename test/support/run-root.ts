/**
 * One directory per test run that every suite writes its artifacts under (terraform working
 * directories, state and plan files, trace logs, synthesized cdktf output, emulator state and
 * logs, CLI homes, jest's captured output), so the global teardown can scan all of them for
 * secrets (test/support/secret-scan.ts). The global setup creates it and exports its path; a
 * test run without it (a suite started some other way) falls back to the system temp dir.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

/** The run root's path, set by the global setup for the workers it starts. */
export const RUN_ROOT_ENV = "CVP_TEST_RUN_ROOT";
/** Set to 1 to keep the run root after a clean scan (it is always kept after a failed one). */
export const KEEP_RUN_ROOT_ENV = "CVP_KEEP_TEST_RUN";
/** The secrets journal every emulator appends to, relative to the run root; the scan skips it. */
export const SECRETS_JOURNAL_NAME = "secrets.journal";
/** Where the output reporter writes each test file's console output and failures. */
export const JEST_OUTPUT_DIR = "jest-output";

export function runRoot(): string | undefined {
  return process.env[RUN_ROOT_ENV] || undefined;
}

/** A fresh directory under the run root (or the system temp dir), named `<prefix>XXXXXX`. */
export function testDir(prefix: string): string {
  return mkdtempSync(join(runRoot() ?? tmpdir(), prefix));
}

/**
 * Remove a directory a test is done with, unless it is under the run root: those stay for the
 * secret scan, and the global teardown removes the root.
 */
export function removeTestDir(dir: string): void {
  const root = runRoot();
  if (root && !relative(root, dir).startsWith("..")) return;
  rmSync(dir, { recursive: true, force: true });
}
