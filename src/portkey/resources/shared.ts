/** Small helpers shared by the resource modules. */
import { PortkeyApiError } from "../errors";

/** Per-call options accepted by every method. */
export interface CallOptions {
  /** Aborts the in-flight request and any backoff sleep; the error has kind `cancelled`. */
  readonly signal?: AbortSignal;
}

/** Options of a write the API answers with `{}`: by default the fresh object is read back. */
export interface WriteOptions extends CallOptions {
  /**
   * false: send only the write, for a caller that reads afterwards anyway or needs nothing back
   * (one request fewer).
   * @default true
   */
  readonly readBack?: boolean;
}

/** A write without its read-back (the method then resolves to nothing). */
export type WriteOnly = WriteOptions & { readonly readBack: false };

/**
 * Resolve to undefined on a definite not-found (404 AB08 that says so). 403 AB03 or a bare 404
 * may mean something else (a missing scope, a proxy) and are thrown: see `mayBeGone`.
 */
export async function unlessNotFound<T>(pending: Promise<T>): Promise<T | undefined> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof PortkeyApiError && error.isNotFound()) return undefined;
    throw error;
  }
}

/** The newest of several same-named objects (names are not guaranteed unique). */
export function newestNamed<T extends { name?: string; created_at?: string }>(items: readonly T[], name: string): T | undefined {
  return newest(items.filter((item) => item.name === name));
}

/** The newest of several objects by `created_at` (one without it counts as oldest). */
export function newest<T>(items: readonly T[]): T | undefined {
  const created = (item: T) => String((item as { created_at?: unknown }).created_at ?? "");
  return [...items].sort((a, b) => created(b).localeCompare(created(a)))[0];
}
