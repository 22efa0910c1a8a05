/**
 * Portkey answers 404, or 403 AB03, for an object deleted out of band: both mean "re-create".
 * Duck-typed so resources do not load the HTTP client at provider start-up.
 */
export function isGone(error: unknown): boolean {
  const candidate = error as { isNotFound?: () => boolean } | null;
  return typeof candidate?.isNotFound === "function" && candidate.isNotFound();
}

/** Portkey's 409 AB07 "already exists" on a create (duck-typed like `isGone`). */
export function isConflict(error: unknown): boolean {
  const candidate = error as { isConflict?: () => boolean } | null;
  return typeof candidate?.isConflict === "function" && candidate.isConflict();
}

/** A create that met 409 AB07: the object exists in Portkey but not in this state; say how to adopt it. */
export function withImportHint(error: unknown, importId: string): unknown {
  if (!isConflict(error)) return error;
  return new Error(
    `${(error as Error).message} It is not in this Terraform state: adopt it with \`terraform import <this resource's address> ${importId}\`, or delete it in Portkey, then apply again.`,
  );
}
