/**
 * Merge a team's gateway settings into a developer's existing settings.json: the gateway keys
 * are replaced as a set (so a stale CLAUDE_CODE_USE_VERTEX from an older legacy-mode setup, or
 * an old ANTHROPIC_API_KEY that would outrank the team's apiKeyHelper, goes away), and every
 * other key (permissions, hooks, other env vars) is kept as it was, in its place.
 */
import type { ClaudeSettings } from "../../constructs/settings/types";

/** Env vars that decide where and how Claude Code reaches a model: the team output owns them. */
const GATEWAY_ENV = new Set([
  "ANTHROPIC_BASE_URL",
  "ANTHROPIC_AUTH_TOKEN",
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_CUSTOM_HEADERS",
  "ANTHROPIC_MODEL",
  "ANTHROPIC_SMALL_FAST_MODEL",
  "ANTHROPIC_DEFAULT_OPUS_MODEL",
  "ANTHROPIC_DEFAULT_SONNET_MODEL",
  "ANTHROPIC_DEFAULT_HAIKU_MODEL",
  "CLAUDE_CODE_USE_VERTEX",
  "CLAUDE_CODE_SKIP_VERTEX_AUTH",
  "ANTHROPIC_VERTEX_BASE_URL",
  "ANTHROPIC_VERTEX_PROJECT_ID",
  "CLOUD_ML_REGION",
  "CLAUDE_CODE_USE_BEDROCK",
  "CLAUDE_CODE_SKIP_BEDROCK_AUTH",
  "ANTHROPIC_BEDROCK_BASE_URL",
  "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS",
  "CLAUDE_CODE_API_KEY_HELPER_TTL_MS",
]);
/** Per-model Vertex region overrides (VERTEX_REGION_CLAUDE_3_5_HAIKU=…) belong to the Vertex setup too. */
const GATEWAY_ENV_PREFIX = "VERTEX_REGION_";
/** Top-level settings the team output owns. */
const GATEWAY_TOP_LEVEL = new Set(["model", "apiKeyHelper"]);

export function isGatewayEnv(name: string): boolean {
  return GATEWAY_ENV.has(name) || name.startsWith(GATEWAY_ENV_PREFIX);
}

export interface MergeResult {
  readonly settings: ClaudeSettings;
  /** Keys added or changed, as `env.NAME` or `model`. */
  readonly set: string[];
  /** Gateway keys the old file had and the team output does not: removed as stale. */
  readonly removed: string[];
}

type Entries = Record<string, unknown>;

/** Keep `existing`'s order; owned keys missing from `incoming` are dropped, the rest kept. */
function mergeLevel(existing: Entries, incoming: Entries, owned: (key: string) => boolean, prefix: string, result: { set: string[]; removed: string[] }): Entries {
  const out: Entries = {};
  for (const [key, value] of Object.entries(existing)) {
    if (key in incoming) {
      out[key] = incoming[key];
      if (JSON.stringify(value) !== JSON.stringify(incoming[key])) result.set.push(`${prefix}${key}`);
    } else if (owned(key)) {
      result.removed.push(`${prefix}${key}`);
    } else {
      out[key] = value;
    }
  }
  for (const [key, value] of Object.entries(incoming)) {
    if (!(key in existing)) {
      out[key] = value;
      result.set.push(`${prefix}${key}`);
    }
  }
  return out;
}

export function mergeSettings(existing: ClaudeSettings, incoming: ClaudeSettings): MergeResult {
  const result = { set: [] as string[], removed: [] as string[] };
  const existingEnv = (existing.env ?? {}) as Entries;
  const env = mergeLevel(existingEnv, incoming.env ?? {}, isGatewayEnv, "env.", result);
  const { env: _incomingEnv, ...incomingTop } = incoming;
  const top = mergeLevel(existing, incomingTop, (key) => GATEWAY_TOP_LEVEL.has(key), "", result);
  // env keeps its place in the file when it was there; a new one goes first, where people look.
  if ("env" in top) return { settings: { ...top, env: env as Record<string, string> }, ...result };
  return { settings: { env: env as Record<string, string>, ...top }, ...result };
}
