/**
 * Secret redaction shared by the Admin API client, the emulator and the provider's log.
 *
 * A `SecretRegistry` remembers every secret value the process has seen (admin key, API key
 * secrets, service-account key material) and scrubs them from any text before it is logged,
 * thrown or returned as a diagnostic. Structural redaction (by field name) covers secrets the
 * registry has not been told about yet, e.g. a key in a response body.
 */

export const REDACTED = "[REDACTED]";

/** Field names whose values are always secret, wherever they appear in a structure. */
const SECRET_FIELD = /^(x-portkey-api-key|authorization|api[_-]?key|key|key_wo|secret|private_key|private_key_id|vertex_service_account_json|service_account_json|token|password|admin_api_key)$/i;

/** The shortest value worth registering: shorter strings would scrub ordinary words. */
const MIN_SECRET_LENGTH = 6;

export class SecretRegistry {
  private readonly secrets = new Set<string>();

  /** Remember a secret (and, for JSON key files, every string inside it). */
  add(value: unknown): void {
    if (typeof value === "string") {
      if (value.length >= MIN_SECRET_LENGTH) {
        this.secrets.add(value);
        // A service-account key travels JSON-escaped too ("\n" inside private_key).
        const escaped = JSON.stringify(value).slice(1, -1);
        if (escaped !== value) this.secrets.add(escaped);
      }
      return;
    }
    if (value && typeof value === "object") {
      for (const inner of Object.values(value as Record<string, unknown>)) this.add(inner);
    }
  }

  get size(): number {
    return this.secrets.size;
  }

  /** Replace every registered secret in `text`, longest first so overlaps scrub fully. */
  scrub(text: string): string {
    if (this.secrets.size === 0 || text.length === 0) return text;
    let out = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  /** Deep copy of `value` with secret-named fields replaced and registered secrets scrubbed. */
  redact<T>(value: T): T {
    return redactValue(value, this) as T;
  }
}

function redactValue(value: unknown, registry: SecretRegistry): unknown {
  if (typeof value === "string") return registry.scrub(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, registry));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [field, inner] of Object.entries(value as Record<string, unknown>)) {
      out[field] =
        SECRET_FIELD.test(field) && inner !== null && inner !== undefined && inner !== ""
          ? REDACTED
          : redactValue(inner, registry);
    }
    return out;
  }
  return value;
}

/** Is this field name one whose value is always treated as secret? */
export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}
