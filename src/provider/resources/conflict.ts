/**
 * Portkey's 409 AB07 "already exists" on a create: the object is in Portkey but not in this
 * state. Duck-typed like `isGone` so resources do not load the HTTP client at provider start-up.
 */
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
