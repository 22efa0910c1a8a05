/** Other shapes of the same settings: MDM's managed-settings.json and a shell env file. */
import type { ClaudeSettings } from "./types";

/** Where managed settings live; they outrank user settings. */
export const MANAGED_SETTINGS_PATHS = {
  linux: "/etc/claude-code/managed-settings.json",
  darwin: "/Library/Application Support/ClaudeCode/managed-settings.json",
} as const;

/** managed-settings.json carries the same keys; MDM tools want stable, pretty JSON. */
export function toManagedSettingsJson(settings: ClaudeSettings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** POSIX single-quoting: the only character that needs care is the quote itself. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A file to `source` from a shell profile, for tools that honour env but not settings.json.
 * `model` becomes ANTHROPIC_MODEL; an apiKeyHelper has no env equivalent and is left out.
 */
export function toEnvFile(settings: ClaudeSettings): string {
  const env = { ...(settings.env ?? {}) };
  if (settings.model) env.ANTHROPIC_MODEL = settings.model;
  const lines = Object.entries(env).map(([name, value]) => `export ${name}=${shellQuote(value)}`);
  return `# Claude Code via Portkey: source this file (it contains a secret; keep it mode 0600)\n${lines.join("\n")}\n`;
}
