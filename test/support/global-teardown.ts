/**
 * Jest global teardown: scan the whole run root for every secret the run used and fail the run
 * on any hit (keeping the root to look at). A clean root is removed unless CVP_KEEP_TEST_RUN=1
 * (set by the setup when CVP_TEST_RUN_ROOT names the root). With only some suites run, it scans what they left.
 */
import { existsSync, rmSync } from "node:fs";
import { KEEP_RUN_ROOT_ENV, RUN_ROOT_ENV } from "./run-root";
import { formatHit, scanTree } from "./secret-scan";
import { secretsJournalPath, suiteSecrets } from "./suite-secrets";

export default function globalTeardown(): void {
  const root = process.env[RUN_ROOT_ENV];
  if (!root || !existsSync(root)) return;
  const started = performance.now();
  const result = scanTree(root, suiteSecrets(root), { skip: [secretsJournalPath(root)] });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const mb = (result.bytes / 1e6).toFixed(1);
  process.stdout.write(
    `\nsecret scan: ${result.files} files, ${mb} MB, ${result.hits.length} hits (${result.secrets} secrets, ${result.zipEntries} plan entries, ${seconds} s; ${root})\n`,
  );
  if (result.hits.length > 0) {
    process.stdout.write(`${result.hits.map((hit) => `  ${formatHit(hit)}`).join("\n")}\n`);
    throw new Error(`secret scan: ${result.hits.length} secret(s) found in what the tests left behind (listed above); the artifacts are kept in ${root}.`);
  }
  if (process.env[KEEP_RUN_ROOT_ENV] !== "1") rmSync(root, { recursive: true, force: true });
}
