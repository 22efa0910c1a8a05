/**
 * Checks a GCP service-account key file given as JSON text, without ever echoing it: messages
 * name the attribute and the missing field, never a value.
 */

const REQUIRED_FIELDS = ["client_email", "private_key"] as const;

export function parseServiceAccount(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'service_account_json is not valid JSON: pass the key file\'s contents, e.g. file("sa-key.json") or a google_service_account_key\'s decoded private_key' };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: "service_account_json must be a JSON object (a GCP service-account key file)" };
  }
  const value = parsed as Record<string, unknown>;
  if (value.type !== "service_account") {
    return { ok: false, message: 'service_account_json must be a service-account key file: its "type" field must be "service_account"' };
  }
  const missing = REQUIRED_FIELDS.filter((field) => typeof value[field] !== "string" || value[field] === "");
  if (missing.length > 0) return { ok: false, message: `service_account_json lacks ${missing.map((f) => `"${f}"`).join(" and ")}: pass the whole key file` };
  return { ok: true, value };
}

export function checkServiceAccount(text: string): string | undefined {
  const parsed = parseServiceAccount(text);
  return parsed.ok ? undefined : parsed.message;
}
