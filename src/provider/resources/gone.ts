/**
 * What counts as "gone" (docs/provider.md "What counts as gone"). Only a definite not-found
 * (404 AB08 "… not found") drops an object from state on its own. Portkey's 403 AB03 also means
 * "deleted out of band" for some objects, but it is just as well the answer to an admin key that
 * lost a scope, and a 404 without Portkey's envelope may come from a proxy or a wrong base path:
 * acting on either as "gone" would plan a re-create of a live object and the apply would
 * duplicate it. Such an answer is confirmed with ONE listing of the object's type in its scope
 * (only on this unusual path: a normal refresh stays one GET); unconfirmed, it is an error that
 * names both causes.
 * Duck-typed so resources do not load the HTTP client at provider start-up.
 */

interface ApiErrorLike {
  readonly status?: number;
  readonly code?: string;
  readonly method?: string;
  readonly path?: string;
  isNotFound?: () => boolean;
  mayBeGone?: () => boolean;
}

const asApiError = (error: unknown): ApiErrorLike | undefined =>
  typeof error === "object" && error !== null && typeof (error as ApiErrorLike).isNotFound === "function" ? (error as ApiErrorLike) : undefined;

/** A definite not-found (404 AB08 that says "not found"): safe to drop from state. */
export function isNotFound(error: unknown): boolean {
  return asApiError(error)?.isNotFound?.() === true;
}

/** 403 AB03, or a 404 that is not a definite not-found: deleted, or something else. */
export function mayBeGone(error: unknown): boolean {
  return asApiError(error)?.mayBeGone?.() === true;
}

/**
 * Either of the above, for look-ups that drop nothing from state (data sources, the search for
 * a provider Portkey auto-created before a create): "not there" is their answer to both.
 */
export function looksGone(error: unknown): boolean {
  return isNotFound(error) || mayBeGone(error);
}

/** How to confirm that an object answered with `mayBeGone` is really gone. */
export interface GoneCheck {
  /** The object, for messages: `config "pc-team-a1b2c3"`. */
  readonly what: string;
  /** The scope the failed call needs (e.g. `configs.read`), named when the key may lack it. */
  readonly scope: string;
  /** The scope the listing needs (e.g. `configs.list`). */
  readonly listScope: string;
  /** One listing of the object's type in its scope: "listed" when it names the object live (not archived). */
  readonly listing: () => Promise<"listed" | "absent">;
  /**
   * When the listing itself answers 403/404: is the parent (workspace, integration) gone or
   * archived? One more listing, only on this path. Absent for objects without a parent.
   */
  readonly parentGone?: () => Promise<boolean>;
}

/** Thrown when an answer that may mean "gone" could not be confirmed; the state is kept. */
export class UnconfirmedGoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnconfirmedGoneError";
  }
}

const answerOf = (error: ApiErrorLike): string => `${error.method ?? "the request"} ${error.path ?? ""} answered ${error.status ?? "?"}${error.code ? ` ${error.code}` : ""}`.replace("  ", " ");

const HOW_TO_CHECK =
  "Check the admin key's scopes in Portkey (Admin Settings → API Keys → the key → Scopes) and grant the missing one; the next plan then knows which it was. If the object was deleted on purpose and the key cannot get the scope, `terraform state rm` this resource so the next apply creates it again.";

/** Why the answer is not taken as "gone": the object is still listed. */
function stillListed(error: ApiErrorLike, check: GoneCheck): UnconfirmedGoneError {
  return new UnconfirmedGoneError(
    `${check.what}: ${answerOf(error)}, but Portkey still lists it, so it was not deleted: the admin key lacks the scope ${check.scope} (it may have lost it), or something between the provider and Portkey (a proxy, a wrong base URL) answered instead. Grant ${check.scope} to the admin key in Portkey (Admin Settings → API Keys → Scopes) and check PORTKEY_BASE_URL. Nothing was dropped from the state and nothing will be re-created.`,
  );
}

/** Why the answer is not taken as "gone": the listing that would confirm it failed too. */
function unconfirmed(error: ApiErrorLike, check: GoneCheck, listingError: unknown): UnconfirmedGoneError {
  const listing = asApiError(listingError);
  const listingAnswer = listing ? answerOf(listing) : `the listing failed (${listingError instanceof Error ? listingError.message : String(listingError)})`;
  return new UnconfirmedGoneError(
    `${check.what}: ${answerOf(error)}. Either the object was deleted out of band, or the admin key lost the scope ${check.scope} (or ${check.listScope}): the provider cannot tell which, because ${listingAnswer} to the listing that would confirm it. ${HOW_TO_CHECK} Nothing was dropped from the state and nothing will be re-created.`,
  );
}

/** Is the object really gone? true/false, or throws the error that names both causes. */
async function confirmGone(error: ApiErrorLike, check: GoneCheck): Promise<boolean> {
  let listed: "listed" | "absent";
  try {
    listed = await check.listing();
  } catch (listingError) {
    // The listing of a workspace's objects answers 403 AB03 when the workspace itself is gone.
    if (looksGone(listingError) && check.parentGone) {
      let parentGone: boolean;
      try {
        parentGone = await check.parentGone();
      } catch (parentError) {
        throw unconfirmed(error, check, parentError);
      }
      if (parentGone) return true;
    }
    throw unconfirmed(error, check, listingError);
  }
  if (listed === "listed") throw stillListed(error, check);
  return true;
}

/**
 * What `call` (a read) returns, or undefined when the object is gone: on a definite not-found,
 * or on an answer that may mean "gone" once `check` confirms it. Anything else throws.
 */
export async function readUnlessGone<T>(call: () => Promise<T>, check: GoneCheck): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    const apiError = asApiError(error);
    if (apiError && mayBeGone(error) && (await confirmGone(apiError, check))) return undefined;
    throw error;
  }
}

/**
 * Run `call` (a delete); an object already gone counts as deleted, but an answer that only may
 * mean "gone" must be confirmed first, or the state keeps the object and the destroy fails.
 */
export async function deleteUnlessGone(call: () => Promise<unknown>, check: GoneCheck): Promise<void> {
  await readUnlessGone(call, check);
}
