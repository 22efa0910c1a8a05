/**
 * Creates without duplicates. The Admin API has no idempotency key (fact sheet §1.6), so a
 * create that failed ambiguously (timeout, reset, dropped response, 5xx) may have been applied.
 * Before re-sending, look the object up by its natural key and adopt it if it is there. A
 * re-sent create that then meets "already exists" (409/AB07, or 400 for a client-chosen slug)
 * is ours too: look up and adopt. Without a natural key, an ambiguous create is not re-sent.
 */
import type { PortkeyApiError } from "./errors";
import { removeLateTwins, type SameKey } from "./late-twins";
import { newest } from "./resources/shared";
import type { RequestSpec, Transport } from "./transport";

export interface CreateIdempotentlyOptions<Created, Existing> {
  /** Human description for logs and errors, e.g. `integration "vertex-prod"`. */
  readonly what: string;
  readonly request: RequestSpec<Created>;
  /** Find the object by natural key (slug, or name within the workspace); undefined when absent. */
  readonly findExisting?: (signal?: AbortSignal) => Promise<Existing | undefined>;
  /** The natural key was chosen by us (a slug), so "already exists" after a re-send means ours. */
  readonly clientChosenKey: boolean;
  /**
   * Every object with the natural key, for types whose key the server does not keep unique:
   * then `findExisting` (if not given) is the newest of them, and a create that followed a
   * timed-out attempt looks again for a twin that attempt made late (late-twins.ts).
   */
  readonly sameKey?: SameKey<Existing>;
  /** The id a create answered, comparable with `sameKey.idOf` (undefined: not in the answer). */
  readonly idOfCreated?: (created: Created) => string | undefined;
}

export type CreateOutcome<Created, Existing> =
  | { readonly adopted: false; readonly created: Created }
  | { readonly adopted: true; readonly existing: Existing };

export async function createIdempotently<Created, Existing>(
  transport: Transport,
  options: CreateIdempotentlyOptions<Created, Existing>,
): Promise<CreateOutcome<Created, Existing>> {
  const { request, what, sameKey } = options;
  let ambiguousFailureSeen = false;
  let timedOut = false;
  const seen = new Set<string>();
  const findExisting =
    sameKey === undefined
      ? options.findExisting
      : async (signal?: AbortSignal) => {
          const same = await sameKey.list(signal);
          for (const item of same) seen.add(sameKey.idOf(item));
          return newest(same);
        };
  // After a timed-out attempt the server may still perform it: look for its twin before returning.
  const settled = async (outcome: CreateOutcome<Created, Existing>): Promise<CreateOutcome<Created, Existing>> => {
    if (!timedOut || sameKey === undefined) return outcome;
    const ours = outcome.adopted ? sameKey.idOf(outcome.existing) : options.idOfCreated?.(outcome.created);
    if (ours !== undefined) await removeLateTwins(transport, { what, sameKey, ours, seen, signal: request.signal });
    return outcome;
  };

  const adopt = async (failure: PortkeyApiError): Promise<Existing | undefined> => {
    ambiguousFailureSeen = true;
    if (failure.isTimeout()) timedOut = true;
    if (!findExisting) {
      throw transport.amend(failure, `; not re-sent: ${what} may have been created and has no natural key to look it up by, so a retry could duplicate it`);
    }
    const existing = await findExisting(request.signal);
    if (existing !== undefined) {
      transport.log("warn", "portkey create adopted an existing object after an ambiguous failure", { what, method: failure.method, path: failure.path, reason: failure.message });
    }
    return existing;
  };

  try {
    const outcome = await transport.sendOrAdopt(request, adopt);
    return await settled(outcome.adopted ? { adopted: true, existing: outcome.value } : { adopted: false, created: outcome.value });
  } catch (error) {
    const failure = error as PortkeyApiError;
    const isApiError = typeof failure.isAmbiguous === "function";
    const mayExist = findExisting !== undefined && isApiError && (ambiguousFailureSeen || failure.isAmbiguous());
    if (!mayExist) throw error;
    const ours = ambiguousFailureSeen && (failure.isConflict() || (options.clientChosenKey && failure.isAlreadyExists()));
    // Giving up (retries exhausted, or the lookup before a re-send failed) after an attempt that
    // may have been applied: look once more, with a fresh retry budget, so the object is not left
    // in Portkey unknown to Terraform (the next apply would create its twin). Found by the
    // convergence suite under 30% transient failures.
    let existing: Existing | undefined;
    let lookupFailed = false;
    try {
      existing = await findExisting(request.signal);
    } catch {
      lookupFailed = true;
    }
    if (existing !== undefined) {
      const reason = ours ? "a re-sent create met 'already exists'" : "the create failed for good after an ambiguous attempt";
      transport.log("warn", `portkey create adopted an existing object after ${reason}`, { what, status: failure.status, code: failure.code });
      if (failure.isTimeout()) timedOut = true;
      return settled({ adopted: true, existing });
    }
    if (!lookupFailed || ours) throw error;
    throw transport.amend(failure, `; ${what} may have been created all the same (an attempt went unanswered, and looking it up afterwards failed or was cancelled): check Portkey before re-applying, and import or delete it if it is there`);
  }
}

