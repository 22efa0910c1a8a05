/**
 * An append-only record of the secrets an emulator hands out: its admin key when it starts and
 * every API-key secret it issues (create and rotate), one JSON line each. A test run points all
 * its emulators at one journal (`PORTKEY_EMULATOR_SECRETS_JOURNAL`) and afterwards scans
 * everything it wrote for those values. Secrets in clear, like the state file: a local
 * emulator's file, never a place for real credentials.
 */
import { appendFileSync } from "node:fs";
import type { EmulatorState } from "./state/records";

/** The environment variable a journal's path is taken from when `secretsJournal` is not given. */
export const SECRETS_JOURNAL_ENV = "PORTKEY_EMULATOR_SECRETS_JOURNAL";

export type JournalledSecretKind = "admin-key" | "api-key";

export interface JournalledSecret {
  readonly kind: JournalledSecretKind;
  readonly value: string;
}

export function appendToSecretsJournal(file: string, secrets: readonly JournalledSecret[]): void {
  if (secrets.length === 0) return;
  appendFileSync(file, secrets.map((secret) => `${JSON.stringify(secret)}\n`).join(""), { mode: 0o600 });
}

/** Journals the admin key now, then each API-key secret (current or previous) the first time `record` sees it. */
export function secretsJournal(file: string, adminKey: string): (state: EmulatorState) => void {
  const seen = new Set<string>();
  appendToSecretsJournal(file, [{ kind: "admin-key", value: adminKey }]);
  return (state) => {
    const fresh: JournalledSecret[] = [];
    for (const key of state.apiKeys) {
      for (const value of [key.secret, key.previous_secret]) {
        if (value && !seen.has(value)) {
          seen.add(value);
          fresh.push({ kind: "api-key", value });
        }
      }
    }
    appendToSecretsJournal(file, fresh);
  };
}
