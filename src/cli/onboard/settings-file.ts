/**
 * Reading, backing up and replacing a settings.json without ever losing it: a file that is not
 * a JSON object is reported and left alone; the previous version is copied to a timestamped
 * backup beside it; the new one is written to a temp file in the same directory and renamed
 * over the old one, so a crash leaves either the old or the new file, never half of one.
 */
import { randomBytes } from "node:crypto";
import { accessSync, chmodSync, closeSync, constants, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
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

/** A settings path onboard cannot write in place; the message names the path, the cause and the fix. */
export class SettingsFileError extends Error {}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/**
 * Where writing `path` must land: the path itself, or the file at the end of its symlink chain
 * (dotfile managers link settings.json; replacing the link would cut it off from their copy).
 * A dangling link is written through too: its target is created, the link kept.
 */
export function resolveTarget(path: string): string {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch (error) {
      // ENOTDIR: a file sits where a folder should be; checkWritable names it.
      if (errno(error) === "ENOENT" || errno(error) === "ENOTDIR") return current;
      throw new SettingsFileError(`${current} cannot be examined (${errno(error)}). Fix: check that every folder on the way exists and is readable (ls -ld "${dirname(current)}").`);
    }
    if (!isLink) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new SettingsFileError(`${path} is a symlink chain that never ends in a file (a loop?). Fix: ls -l "${path}", and point the link at the real settings file or remove it.`);
}

/**
 * Refuse, before anything is written, what onboard must not replace: a directory or a special
 * file at the path, a file it cannot read (it would lose the user's other settings), a file
 * made read-only (someone meant it: the owner's write bit is off, which also holds for root).
 */
export function checkWritable(path: string): void {
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(path);
  } catch (error) {
    if (errno(error) !== "ENOENT" && errno(error) !== "ENOTDIR") throw new SettingsFileError(`${path} cannot be examined (${errno(error)}). Fix: check the folders on the way (ls -ld "${dirname(path)}").`);
  }
  if (stat?.isDirectory()) throw new SettingsFileError(`${path} is a directory, not a settings file. Fix: move it aside (mv "${path}" "${path}.dir") or choose another place with --home/--project.`);
  if (stat && !stat.isFile()) throw new SettingsFileError(`${path} is not a regular file. Fix: remove it or choose another place with --home/--project.`);
  if (stat) {
    try {
      accessSync(path, constants.R_OK);
    } catch (error) {
      throw new SettingsFileError(`${path} cannot be read (${errno(error)}), so your other settings in it could not be kept; nothing was written. Fix: chmod u+r "${path}" (or run as its owner).`);
    }
    const mode = Number(stat.mode) & 0o777;
    if ((mode & 0o200) === 0) {
      throw new SettingsFileError(
        `${path} is read-only (mode ${mode.toString(8).padStart(4, "0")}); onboard does not replace a file someone made read-only. Fix: chmod u+w "${path}" and run onboard again, or write elsewhere with --home/--project.`,
      );
    }
  }
  const parent = existingAncestor(dirname(path));
  try {
    accessSync(parent, constants.W_OK);
  } catch (error) {
    throw new SettingsFileError(`${parent} is not writable (${errno(error)}), and onboard writes ${basename(path)} there via a temp file. Fix: ls -ld "${parent}" and make it writable for you.`);
  }
}

/** The nearest folder that exists (mkdir creates the rest); a file in the way is an error. */
function existingAncestor(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(current)) {
      if (!statSync(current).isDirectory()) throw new SettingsFileError(`${current} is a file, but the settings file needs it to be a folder. Fix: move it aside, or choose another place with --home/--project.`);
      return current;
    }
    if (dirname(current) === current) return current;
  }
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
