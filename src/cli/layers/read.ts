/**
 * Read every settings layer Claude Code would read for one working directory, highest first
 * (managed > --settings > local > project > user; Anthropic's settings docs, and observed with
 * Claude Code 2.1.330). A layer that is missing, not JSON or unreadable is kept with its state,
 * so the doctor can say so; Claude Code ignores such a file (observed with 2.1.330: a project
 * file that is not JSON changed nothing).
 */
import { resolve } from "node:path";
import type { ClaudeSettings } from "../../constructs/settings/types";
import { readSettingsFile } from "../onboard/settings-file";
import { localSettingsFile, MANAGED_FILE, managedDropIns, projectSettingsFile, userSettingsFile } from "./paths";

export type LayerSource = "managed" | "flag" | "local" | "project" | "user";

/** Highest first. */
export const LAYER_ORDER: readonly LayerSource[] = ["managed", "flag", "local", "project", "user"];

/** Where a value comes from: a settings layer (its file) or the process environment. */
export interface LayerRef {
  readonly source: LayerSource;
  /** The file, or `(inline JSON)` for `--settings '{…}'`. */
  readonly path: string;
}

export type LayerState = { readonly kind: "missing" } | { readonly kind: "ok"; readonly settings: ClaudeSettings } | { readonly kind: "corrupt"; readonly reason: string };

export interface SettingsLayer extends LayerRef {
  readonly state: LayerState;
}

export interface LayerContext {
  /** The home folder (~). */
  readonly home: string;
  /** The folder Claude Code is started in. */
  readonly cwd: string;
  /** The shell's environment (only CLAUDE_CONFIG_DIR is read here). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder holding managed-settings.json (the OS's, unless a test or an admin points elsewhere). */
  readonly managedDir: string;
  /** `--settings <file | JSON>`, as given to Claude Code. */
  readonly flagSettings?: string;
}

export const INLINE = "(inline JSON)";

const NAMES: Record<LayerSource, string> = {
  managed: "managed settings",
  flag: "--settings",
  local: "local project settings",
  project: "project settings",
  user: "user settings",
};

/** `project settings /repo/.claude/settings.json`, `--settings (inline JSON)`. */
export function describeLayer(ref: LayerRef): string {
  return `${NAMES[ref.source]} ${ref.path}`;
}

export function readLayers(context: LayerContext): SettingsLayer[] {
  const layers: SettingsLayer[] = [];
  const managed = [resolve(context.managedDir, MANAGED_FILE), ...managedDropIns(resolve(context.managedDir))];
  for (const path of managed.reverse()) layers.push({ source: "managed", path, state: readFile(path) });
  if (context.flagSettings !== undefined) layers.push(flagLayer(context.flagSettings));
  const user = userSettingsFile(context.home, context.env);
  const project = projectSettingsFile(context.cwd);
  const local = localSettingsFile(context.cwd, context.home);
  layers.push({ source: "local", path: local, state: readFile(local) });
  // Started in the home folder, the project file is the user file: one layer, not two.
  if (resolve(project) !== resolve(user)) layers.push({ source: "project", path: project, state: readFile(project) });
  layers.push({ source: "user", path: user, state: readFile(user) });
  return layers;
}

/** Like Claude Code's `--settings`: JSON when it looks like an object, else a file path. */
function flagLayer(value: string): SettingsLayer {
  if (!value.trimStart().startsWith("{")) {
    const path = resolve(value);
    return { source: "flag", path, state: readFile(path) };
  }
  return { source: "flag", path: INLINE, state: parseObject(value) };
}

/**
 * JSON.parse's message, down to where the error is: newer Node versions quote the text around
 * it, which in a settings file can be part of a key.
 */
function jsonError(message: string): string {
  const where = /position \d+(?: \(line \d+ column \d+\))?/.exec(message)?.[0];
  return `it is not valid JSON${where ? ` (at ${where})` : ""}`;
}

function readFile(path: string): LayerState {
  try {
    const file = readSettingsFile(path);
    if (file.kind === "corrupt" && file.reason.startsWith("it is not valid JSON")) return { kind: "corrupt", reason: jsonError(file.reason) };
    return file.kind === "ok" ? { kind: "ok", settings: file.settings } : file;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: "corrupt", reason: code === "EISDIR" ? "it is a directory" : `it cannot be read (${code ?? (error as Error).message})` };
  }
}

function parseObject(text: string): LayerState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: "corrupt", reason: jsonError((error as Error).message) };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { kind: "corrupt", reason: "it is valid JSON but not an object" };
  const env = (parsed as ClaudeSettings).env;
  if (env !== undefined && (typeof env !== "object" || env === null || Array.isArray(env))) return { kind: "corrupt", reason: '"env" is not an object of strings' };
  return { kind: "ok", settings: parsed as ClaudeSettings };
}
