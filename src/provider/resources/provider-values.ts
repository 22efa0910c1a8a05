/** Plain checks and comparisons for portkeyadmin_provider values (no zod: see limits.ts). */

/** Provider slugs follow the API's pattern (fact sheet §4.2, §1.6) and are used as `@slug`. */
export function validProviderSlug(slug: string): string | undefined {
  if (slug.startsWith("@")) return `slug is the bare slug; drop the "@" (callers write "@${slug.slice(1)}", the slug itself is "${slug.slice(1)}")`;
  if (!/^[a-zA-Z0-9_-]+$/.test(slug)) return "slug may contain only letters, digits, '_' and '-'";
  if (slug.length > 255) return "slug must be at most 255 characters";
  return undefined;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function validExpiresAt(value: string): string | undefined {
  if (!RFC3339.test(value) || Number.isNaN(Date.parse(value))) return `expires_at must be an RFC 3339 time such as 2027-01-01T00:00:00Z; got "${value}"`;
  return undefined;
}

/** `2027-01-01T00:00:00.000Z` and `2027-01-01T00:00:00Z` are the same expiry. */
export function sameInstant(a: string, b: string): boolean {
  const left = Date.parse(a);
  return !Number.isNaN(left) && left === Date.parse(b);
}
