/**
 * Every secret a test run used, for the scan of its run root: what its emulators journalled
 * (each one's admin key and every API-key secret it issued, see src/cli/emulator/secrets-journal.ts),
 * admin keys tests used without an emulator (recorded with `recordSecret`), and the fake
 * service-account key material of test/fixtures.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { appendToSecretsJournal, type JournalledSecretKind } from "../../src/cli/emulator/secrets-journal";
import { FAKE_KEY_MATERIAL, FAKE_ROTATED_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { runRoot, SECRETS_JOURNAL_NAME } from "./run-root";
import type { Secret } from "./secret-scan";

export const secretsJournalPath = (root: string): string => join(root, SECRETS_JOURNAL_NAME);

/** Add a secret a test uses without an emulator (one it sends as an admin key, say) to the run's list. */
export function recordSecret(kind: JournalledSecretKind, value: string): void {
  const root = runRoot();
  if (root) appendToSecretsJournal(secretsJournalPath(root), [{ kind, value }]);
}

const LABELS: Record<JournalledSecretKind, string> = { "admin-key": "an admin key", "api-key": "an API-key secret an emulator issued" };

export function suiteSecrets(root: string): Secret[] {
  const journal = secretsJournalPath(root);
  const lines = existsSync(journal) ? readFileSync(journal, "utf8").split("\n").filter(Boolean) : [];
  const byValue = new Map<string, Secret>();
  for (const line of lines) {
    const { kind, value } = JSON.parse(line) as { kind: JournalledSecretKind; value: string };
    if (!byValue.has(value)) byValue.set(value, { label: LABELS[kind], kind, value });
  }
  const serviceAccount: Secret[] = [
    { label: "the service-account private key body", kind: "service-account", value: FAKE_KEY_MATERIAL },
    { label: "the service-account private_key", kind: "service-account", value: FAKE_SERVICE_ACCOUNT.private_key },
    { label: "the rotated service-account private key body", kind: "service-account", value: FAKE_ROTATED_KEY_MATERIAL },
  ];
  return [...byValue.values(), ...serviceAccount];
}
