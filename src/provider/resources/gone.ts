/**
 * Portkey answers 404, or 403 AB03, for an object deleted out of band: both mean "re-create".
 * Duck-typed so resources do not load the HTTP client at provider start-up.
 */
export function isGone(error: unknown): boolean {
  const candidate = error as { isNotFound?: () => boolean } | null;
  return typeof candidate?.isNotFound === "function" && candidate.isNotFound();
}

/**
 * What `call` returns, or undefined when the object it reads or deletes is gone. The provider's
 * twin of the client's `unlessNotFound`, duck-typed for the same reason as `isGone`.
 */
export async function unlessGone<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}
