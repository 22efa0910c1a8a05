/**
 * Portkey answers 404, or 403 AB03, for an object deleted out of band: both mean "re-create".
 * Duck-typed so resources do not load the HTTP client at provider start-up.
 */
export function isGone(error: unknown): boolean {
  const candidate = error as { isNotFound?: () => boolean } | null;
  return typeof candidate?.isNotFound === "function" && candidate.isNotFound();
}

