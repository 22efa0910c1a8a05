/**
 * Find a team's Claude Code settings in what Terraform or cdktf printed. Accepted shapes:
 * - the settings object itself (`{ "env": {...}, "model": "sonnet" }`);
 * - `terraform output -json`: `{ "<name>": { "value": <settings>, "type": ..., "sensitive": true } }`;
 * - `cdktf output --outputs-file`: `{ "<stack>": { "<name>": <settings> } }`;
 * and any of those with the settings JSON-encoded as a string (`jsonencode(...)`).
 * Several candidates need `--output <name>` (the full dotted name or its last part).
 */
import { z } from "zod";
import type { ClaudeSettings } from "../../constructs/settings/types";
import { UsageError } from "../args";

const settingsSchema = z.looseObject({
  env: z.record(z.string(), z.string({ error: "must be a string (quote numbers and flags, e.g. \"1\")" })),
  model: z.string().optional(),
  apiKeyHelper: z.string().optional(),
});

export class OutputError extends Error {}

export interface FoundSettings {
  /** Dotted path of the output, e.g. `team_a_settings` or `teams.team_a_settings`; `(root)` for a bare object. */
  readonly name: string;
  readonly settings: ClaudeSettings;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A Terraform output wrapper: `value` plus Terraform's own `type`/`sensitive` fields. */
const isWrapper = (value: Record<string, unknown>) => "value" in value && ("sensitive" in value || "type" in value);

function candidates(value: unknown, path: string[], depth: number): { name: string; raw: Record<string, unknown> }[] {
  if (depth > 5) return [];
  if (typeof value === "string" && value.trim().startsWith("{")) {
    try {
      return candidates(JSON.parse(value), path, depth + 1);
    } catch {
      return [];
    }
  }
  if (!isObject(value)) return [];
  if (isWrapper(value)) return candidates(value.value, path, depth + 1);
  if (isObject(value.env)) return [{ name: path.join(".") || "(root)", raw: value }];
  return Object.entries(value).flatMap(([key, inner]) => candidates(inner, [...path, key], depth + 1));
}

/** Parse `text` and return the one settings object it holds (or the one named `outputName`). */
export function settingsFromOutput(text: string, outputName?: string): FoundSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OutputError(`The input is not JSON (${(error as Error).message}). Pass what \`terraform output -json\` or \`cdktf output --outputs-file\` wrote, or a settings.json.`);
  }
  let found = candidates(parsed, [], 0);
  if (found.length === 0) {
    throw new OutputError('No Claude Code settings in the input: expected an object with an "env" map, or a Terraform output whose value is one.');
  }
  if (outputName !== undefined) {
    const names = found.map((item) => item.name);
    found = found.filter((item) => item.name === outputName || item.name.split(".").at(-1) === outputName);
    if (found.length === 0) throw new UsageError(`--output ${outputName}: no such output. Outputs with settings: ${names.join(", ")}.`);
  }
  if (found.length > 1) {
    throw new UsageError(`The input holds several settings outputs (${found.map((item) => item.name).join(", ")}): choose one with --output <name>.`);
  }
  const [{ name, raw }] = found;
  const result = settingsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new OutputError(`Output ${name}: ${issue.path.join(".") || "settings"}: ${issue.message}.`);
  }
  return { name, settings: result.data as ClaudeSettings };
}
