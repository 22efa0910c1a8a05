/**
 * Reading, backing up and replacing a settings.json without ever losing it: a file that is not
 * a JSON object is reported and left alone; the previous version is copied to a timestamped
 * backup beside it; the new one is written to a temp file in the same directory and renamed
 * over the old one, so a crash leaves either the old or the new file, never half of one.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { ClaudeSettings } from "../../constructs/settings/types";

/** The file holds a key: only its owner may read it. */
export const PRIVATE_MODE = 0o600;

export type SettingsFile =
  | { readonly kind: "missing" }
  | { readonly kind: "ok"; readonly settings: ClaudeSettings }
  | { readonly kind: "corrupt"; readonly reason: string };

export function readSettingsFile(path: string): SettingsFile {
  if (!existsSync(path)) return { kind: "missing" };
  const text = readFileSync(path, "utf8");
  // An empty file holds nothing to lose; Claude Code treats it as no settings too.
  if (text.trim() === "") return { kind: "ok", settings: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: "corrupt", reason: `it is not valid JSON (${(error as Error).message})` };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { kind: "corrupt", reason: "it is valid JSON but not an object" };
  const env = (parsed as ClaudeSettings).env;
  if (env !== undefined && (typeof env !== "object" || env === null || Array.isArray(env))) return { kind: "corrupt", reason: '"env" is not an object of strings' };
  return { kind: "ok", settings: parsed as ClaudeSettings };
}

/** Write through a symlink (dotfile managers link settings.json) instead of replacing the link. */
export function resolveTarget(path: string): string {
  return existsSync(path) && lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
}

/** `settings.json` → `settings.json.2025-01-02T03-04-05-678Z.bak`, mode 0600, never overwriting one. */
export function backupFile(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const content = readFileSync(path);
  for (let attempt = 0; ; attempt++) {
    const backup = `${path}.${stamp}${attempt === 0 ? "" : `-${attempt}`}.bak`;
    try {
      writeWhole(backup, content, PRIVATE_MODE, "wx");
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

/** Earlier backups of `path`, newest first (named in the corrupt-file error). */
export function listBackups(path: string): string[] {
  const dir = dirname(path);
  if (!existsSync(dir)) return [];
  const prefix = `${basename(path)}.`;
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith(".bak"))
    .sort()
    .reverse()
    .map((name) => join(dir, name));
}

/** Temp file + fsync + rename in the same directory; the result has exactly `mode`. */
export function writeAtomically(path: string, text: string, mode: number): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeWhole(temp, Buffer.from(text, "utf8"), mode, "wx");
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function writeWhole(path: string, content: Buffer, mode: number, flags: string): void {
  const fd = openSync(path, flags, mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // open() applies the umask; chmod makes the mode exact.
  chmodSync(path, mode);
}
