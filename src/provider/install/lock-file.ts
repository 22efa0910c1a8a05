/**
 * The provider's entry in a working directory's dependency lock file (`.terraform.lock.hcl`),
 * written next to the implied mirror so `cdktf deploy` never needs `terraform providers lock`.
 *
 * Why: cdktf-cli runs `terraform providers lock -platform=linux_amd64` after `terraform init`
 * whenever the lock file is missing or lacks a required provider. That command ignores local
 * mirrors and asks each provider's origin registry, and `terraform.local` has none, so the first
 * `cdktf deploy` of a fresh stack failed ("could not connect to terraform.local"). With this
 * entry present cdktf skips the lock step, and `terraform init` checks the mirrored launcher
 * against the recorded hash as usual.
 *
 * The hash is Terraform's `h1:` (Go's dirhash Hash1) of the unpacked package folder, computed
 * from the launcher this process just wrote, so it is exactly what `terraform init` records.
 * Entries of other providers in an existing lock file are kept as they are.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PROVIDER_SOURCE, providerVersion } from "./address";
import { impliedMirrorPath, type MirrorOptions } from "./implied-mirror";

export const LOCK_FILE = ".terraform.lock.hcl";

/** Terraform's `h1:` hash of an unpacked provider package folder (regular files, sorted by name). */
export function packageHashV1(packageDir: string): string {
  return hashV1(listFiles(packageDir).map((name) => ({ name, data: readFileSync(join(packageDir, name)) })));
}

/** The same `h1:` hash from the package's files in memory (`name` relative, with `/`). */
export function hashV1(files: readonly { readonly name: string; readonly data: Buffer }[]): string {
  const summary = createHash("sha256");
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const digest = createHash("sha256").update(file.data).digest("hex");
    summary.update(`${digest}  ${file.name}\n`);
  }
  return `h1:${summary.digest("base64")}`;
}

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const relative = prefix ? `${prefix}/${name}` : name;
    return statSync(path).isDirectory() ? listFiles(path, relative) : [relative];
  });
}

/** The lock block for this provider, pinned to `version` (the constraint cdk.tf.json declares). */
export function lockBlock(version: string, hashes: readonly string[]): string {
  return [
    `provider "${PROVIDER_SOURCE}" {`,
    `  version     = "${version}"`,
    `  constraints = "${version}"`,
    "  hashes = [",
    ...hashes.map((hash) => `    "${hash}",`),
    "  ]",
    "}",
    "",
  ].join("\n");
}

const HEADER = '# This file is maintained automatically by "terraform init".\n# Manual edits may be lost in future updates.\n';

/** An existing lock text with this provider's block replaced (or added); other blocks untouched. */
export function withProviderLock(existing: string | undefined, block: string): string {
  if (!existing?.trim()) return `${HEADER}\n${block}`;
  const start = existing.indexOf(`provider "${PROVIDER_SOURCE}" {`);
  if (start < 0) return `${existing.replace(/\n*$/, "\n")}\n${block}`;
  // Lock blocks end at the first line that is a lone "}" (Terraform writes them that way).
  const end = existing.indexOf("\n}", start);
  const after = end < 0 ? "" : existing.slice(end + 2).replace(/^\n/, "");
  return `${existing.slice(0, start)}${block}${after}`;
}

/**
 * Record the mirrored package (written by writeImpliedMirror into `workingDir`) in
 * `workingDir/.terraform.lock.hcl`. Returns the lock file's path.
 */
export function writeProviderLock(workingDir: string, options: MirrorOptions = {}): string {
  const version = options.version ?? providerVersion();
  const packageDir = dirname(impliedMirrorPath(workingDir, options));
  const file = join(workingDir, LOCK_FILE);
  const existing = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  const next = withProviderLock(existing, lockBlock(version, [packageHashV1(packageDir)]));
  if (next !== existing) writeFileSync(file, next);
  return file;
}
