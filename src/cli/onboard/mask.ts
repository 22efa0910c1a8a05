/**
 * Secrets in Claude Code settings, and output that never shows them. A settings file holds the
 * team's Portkey key (ANTHROPIC_AUTH_TOKEN, sometimes ANTHROPIC_API_KEY or a key header); both
 * commands print settings, diffs and gateway errors, so every line they print is scrubbed.
 */
import { parseCustomHeaders } from "../../constructs/settings/custom-headers";
import type { ClaudeSettings } from "../../constructs/settings/types";
import { SecretRegistry } from "../../portkey/redact";
import type { Io } from "../args";

/** Env vars whose value is a credential. */
const SECRET_ENV = /(TOKEN|API_KEY|SECRET|PASSWORD)$/i;
/** Custom headers whose value is a credential. */
const SECRET_HEADER = new Set(["x-portkey-api-key", "authorization", "x-api-key"]);

/** `pk-…` → `****abcd`: enough to tell two keys apart, not enough to use one. */
export function maskValue(secret: string): string {
  return secret.length >= 16 ? `****${secret.slice(-4)}` : "****";
}

export function isSecretEnv(name: string): boolean {
  return SECRET_ENV.test(name);
}

/** Every secret value in a settings object or env map. */
export function secretsOf(settings: ClaudeSettings, env: Readonly<Record<string, string | undefined>> = {}): string[] {
  const all: Record<string, unknown> = { ...(settings.env ?? {}), ...env };
  const found: string[] = [];
  for (const [name, value] of Object.entries(all)) {
    if (typeof value !== "string" || value === "") continue;
    if (isSecretEnv(name)) found.push(value);
    if (name === "ANTHROPIC_CUSTOM_HEADERS") {
      for (const header of parseCustomHeaders(value).headers) {
        if (SECRET_HEADER.has(header.name.toLowerCase()) && header.value) found.push(header.value.replace(/^Bearer\s+/i, ""));
      }
    }
  }
  return found;
}

/** A copy of the settings with every secret replaced by its mask (for diffs and `--json`). */
export function maskSettings(settings: ClaudeSettings): ClaudeSettings {
  const secrets = secretsOf(settings);
  if (!settings.env || typeof settings.env !== "object") return settings;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(settings.env)) {
    env[name] = typeof value === "string" ? secrets.reduce((text, secret) => text.split(secret).join(maskValue(secret)), value) : value;
  }
  return { ...settings, env };
}

/** The command's output: every text passes through the registry before it reaches a stream. */
export class Output {
  readonly secrets = new SecretRegistry();

  constructor(
    private readonly io: Io,
    readonly json: boolean,
  ) {}

  /** Remember secrets so they are scrubbed from everything printed later. */
  protect(values: Iterable<string>): void {
    for (const value of values) this.secrets.add(value);
  }

  /** A human progress/result line; silent in `--json` mode (stdout is then one JSON document). */
  line(text: string): void {
    if (!this.json) this.io.stdout(`${this.secrets.scrub(text)}\n`);
  }

  /** The `--json` document. */
  document(value: unknown): void {
    if (this.json) this.io.stdout(`${this.secrets.scrub(JSON.stringify(value, null, 2))}\n`);
  }

  error(text: string): void {
    this.io.stderr(`${this.secrets.scrub(text)}\n`);
  }
}
