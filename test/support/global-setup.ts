/**
 * Jest global setup: create the run root every suite writes its artifacts under, and point all
 * emulators at its secrets journal (the workers inherit both variables).
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SECRETS_JOURNAL_ENV } from "../../src/cli/emulator/secrets-journal";
import { KEEP_RUN_ROOT_ENV, RUN_ROOT_ENV } from "./run-root";
import { secretsJournalPath } from "./suite-secrets";

export default function globalSetup(): void {
  const given = process.env[RUN_ROOT_ENV];
  if (given) mkdirSync(given, { recursive: true });
  const root = given || mkdtempSync(join(tmpdir(), "cvp-test-run-"));
  process.env[RUN_ROOT_ENV] = root;
  // A root the user chose is theirs: keep it after the scan.
  if (given) process.env[KEEP_RUN_ROOT_ENV] = "1";
  process.env[SECRETS_JOURNAL_ENV] = secretsJournalPath(root);
}
