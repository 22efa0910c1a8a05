/**
 * The values of the keys onboard does accept: an outputs file can keep every key name the
 * renderer writes and still carry a value it never would (a switch set to something else, a
 * "model" that is a sentence, a newline that smuggles a header, a number where Claude Code reads
 * a string). Each rendered key gets the form the renderer gives it; secret values are checked but
 * never shown.
 */
import type { ClaudeSettings } from "../../constructs/settings/types";
import type { RefusedKey } from "./vet-settings";

/** A model ID (claude-sonnet-4-6, claude-haiku-4-5@20251001, a [1m] suffix) or an alias (sonnet). */
const MODEL = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}(\[1m\])?$/;
const MODEL_SLOTS = new Set(["ANTHROPIC_MODEL", "ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL", "ANTHROPIC_DEFAULT_SONNET_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL"]);
/** Switches the renderer only ever writes as "1". */
const SWITCHES = new Set(["CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_SKIP_VERTEX_AUTH", "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"]);
const SECRETS = new Set(["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY"]);
const GCP_NAME = /^[a-z][a-z0-9-]{0,62}$/;
// CR anywhere, and LF outside the header list (which is one header a line).
const hasControl = (value: string): boolean => [...value].some((ch) => {
  const code = ch.charCodeAt(0);
  return (code < 0x20 && code !== 0x0a) || code === 0x7f;
});

function envValueProblem(name: string, value: unknown): { why: string; acceptable: boolean } | undefined {
  if (typeof value !== "string") return { why: `is ${value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`}, not a string (Claude Code reads env values as strings)`, acceptable: false };
  const shown = SECRETS.has(name) ? "its value" : JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (hasControl(value) || (name !== "ANTHROPIC_CUSTOM_HEADERS" && value.includes("\n"))) {
    return { why: `${shown} carries a control character (a line break could smuggle another header or line)`, acceptable: false };
  }
  if (SECRETS.has(name) && (value.trim() === "" || /\s/.test(value))) return { why: "is empty or holds whitespace, which no Portkey key does", acceptable: false };
  if (SWITCHES.has(name) && value !== "1") return { why: `is ${shown}; the renderer only writes "1"`, acceptable: true };
  if (MODEL_SLOTS.has(name) && !MODEL.test(value)) return { why: `is ${shown}, not a model ID (claude-sonnet-4-6) or alias (sonnet)`, acceptable: true };
  if ((name === "CLOUD_ML_REGION" || name === "ANTHROPIC_VERTEX_PROJECT_ID") && !GCP_NAME.test(value)) return { why: `is ${shown}, not a Google Cloud name (lower-case letters, digits, hyphens)`, acceptable: true };
  return undefined;
}

/** Problems with the values of rendered keys; `rendered` is the mode's env key set. */
export function valueRefusals(settings: ClaudeSettings, rendered: ReadonlySet<string>): RefusedKey[] {
  const refused: RefusedKey[] = [];
  const env = (settings.env ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(env)) {
    const problem = envValueProblem(name, value);
    // Keys outside the mode are refused as extras already; a non-string or a control character is refused anywhere.
    if (problem && (rendered.has(name) || !problem.acceptable)) refused.push({ key: `env.${name}`, ...problem, value: true });
  }
  const model = (settings as Record<string, unknown>).model;
  if (model !== undefined && (typeof model !== "string" || !MODEL.test(model))) {
    refused.push({ key: "model", why: typeof model === "string" ? `is ${JSON.stringify(model.slice(0, 60))}, not a model ID or alias` : "is not a string", acceptable: typeof model === "string", value: true });
  }
  const helper = (settings as Record<string, unknown>).apiKeyHelper;
  if (helper !== undefined && (typeof helper !== "string" || hasControl(helper) || helper.includes("\n"))) {
    refused.push({ key: "apiKeyHelper", why: typeof helper === "string" ? "carries a control character or line break (a second command)" : "is not a string", acceptable: false, value: true });
  }
  return refused;
}
