/**
 * Plain validator functions for the integration resources (no zod: see limits.ts) and the
 * service-account key check. Messages name the attribute and the fix and never repeat the key.
 */

/** Portkey's slug rule for integrations and providers (fact sheet §3.2). */
export function checkSlug(attribute: string): (slug: string) => string | undefined {
  return (slug) => {
    if (!/^[a-zA-Z0-9_-]+$/.test(slug)) return `${attribute} must contain only letters, digits, "_" and "-" (for example "vertex-prod")`;
    return slug.length > 255 ? `${attribute} must be at most 255 characters` : undefined;
  };
}

export function checkNotBlank(attribute: string): (value: string) => string | undefined {
  return (value) => (value.trim() === "" ? `${attribute} must not be empty` : undefined);
}

/** Vertex locations are lower-case words and digits: `us-central1`, `europe-west4`, `us`, `global`. */
export function checkVertexRegion(region: string): string | undefined {
  return /^[a-z][a-z0-9-]*$/.test(region)
    ? undefined
    : `vertex_region must be a Vertex AI location such as "us-east5", "europe-west1" or "global" (got ${JSON.stringify(region.slice(0, 40))})`;
}

/** `vertex_auth_type` values, spelled as the API spells them (fact sheet §3.3). */
export const AUTH_TYPES = ["serviceAccount", "workload", "basic"] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

export function checkAuthType(value: string): string | undefined {
  return (AUTH_TYPES as readonly string[]).includes(value)
    ? undefined
    : 'auth_type must be "serviceAccount" (a key file in service_account_json), "workload" (Workload Identity Federation) or "basic"';
}

/** The fields of a Google service-account key file that Portkey needs. */
export interface ServiceAccountKey {
  readonly type: "service_account";
  readonly project_id: string;
  readonly private_key: string;
  readonly client_email: string;
  readonly [field: string]: unknown;
}

const FIX = "pass the content of a service-account key file, e.g. file(\"key.json\") (IAM → Service accounts → Keys → Add key → JSON)";
const REQUIRED_FIELDS = ["project_id", "private_key", "client_email"] as const;

/**
 * Parse and check a key file. Never includes the input, nor JSON.parse's message (which quotes
 * the input), in what it returns.
 */
export function parseServiceAccountJson(text: string): { key: ServiceAccountKey; problems: [] } | { key: undefined; problems: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { key: undefined, problems: [`service_account_json is not valid JSON: ${FIX}`] };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { key: undefined, problems: [`service_account_json must be a JSON object: ${FIX}`] };
  }
  const fields = parsed as Record<string, unknown>;
  const problems: string[] = [];
  if (fields.type !== "service_account") {
    const shown = typeof fields.type === "string" && /^[a-z_]{1,40}$/.test(fields.type) ? ` (it is "${fields.type}")` : "";
    problems.push(`service_account_json must have "type": "service_account"${shown}; application-default or user credentials are not accepted: ${FIX}`);
  }
  for (const field of REQUIRED_FIELDS) {
    if (typeof fields[field] !== "string" || (fields[field] as string).trim() === "") {
      problems.push(`service_account_json is missing "${field}" (a non-empty string): ${FIX}`);
    }
  }
  if (problems.length === 0 && !(fields.client_email as string).includes("@")) {
    problems.push(`service_account_json "client_email" must be the service account's email address: ${FIX}`);
  }
  return problems.length > 0 ? { key: undefined, problems } : { key: fields as unknown as ServiceAccountKey, problems: [] };
}

export function checkServiceAccountJson(text: string): string[] | undefined {
  const { problems } = parseServiceAccountJson(text);
  return problems.length > 0 ? problems : undefined;
}

/** `<integration_slug>/<workspace_id>` import ids. */
export function splitImportId(id: string, what: string, format: string): [string, string] {
  const parts = id.split("/");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
    throw new Error(`${what}: the import id must be "${format}", got ${JSON.stringify(id)}`);
  }
  return [parts[0] as string, parts[1] as string];
}
