/**
 * Creates without duplicates. The Admin API has no idempotency key (fact sheet §1.6), so a
 * create that failed ambiguously (timeout, reset, dropped response, 5xx) may have been applied.
 * Before re-sending, look the object up by its natural key and adopt it if it is there. A
 * re-sent create that then meets "already exists" (409/AB07, or 400 for a client-chosen slug)
 * is ours too: look up and adopt. Without a natural key, an ambiguous create is not re-sent.
 */
import type { PortkeyApiError } from "./errors";
import type { RequestSpec, Transport } from "./transport";

export interface CreateIdempotentlyOptions<Created, Existing> {
  /** Human description for logs and errors, e.g. `integration "vertex-prod"`. */
  readonly what: string;
  readonly request: RequestSpec<Created>;
  /** Find the object by natural key (slug, or name within the workspace); undefined when absent. */
  readonly findExisting?: (signal?: AbortSignal) => Promise<Existing | undefined>;
  /** The natural key was chosen by us (a slug), so "already exists" after a re-send means ours. */
  readonly clientChosenKey: boolean;
}

export type CreateOutcome<Created, Existing> =
  | { readonly adopted: false; readonly created: Created }
  | { readonly adopted: true; readonly existing: Existing };

export async function createIdempotently<Created, Existing>(
  transport: Transport,
  options: CreateIdempotentlyOptions<Created, Existing>,
): Promise<CreateOutcome<Created, Existing>> {
  const { findExisting, request, what } = options;
  let ambiguousFailureSeen = false;

  const adopt = async (failure: PortkeyApiError): Promise<Existing | undefined> => {
    ambiguousFailureSeen = true;
    if (!findExisting) {
      throw transport.error({
        kind: failure.kind,
        method: failure.method,
        path: failure.path,
        status: failure.status,
        code: failure.code,
        attempts: failure.attempts,
        body: failure.body,
        message: `${failure.message}; not re-sent: ${what} may have been created and has no natural key to look it up by, so a retry could duplicate it`,
      });
    }
    const existing = await findExisting(request.signal);
    if (existing !== undefined) {
      transport.log("warn", "portkey create adopted an existing object after an ambiguous failure", { what, method: failure.method, path: failure.path, reason: failure.message });
    }
    return existing;
  };

  try {
    const outcome = await transport.sendOrAdopt(request, adopt);
    return outcome.adopted ? { adopted: true, existing: outcome.value } : { adopted: false, created: outcome.value };
  } catch (error) {
    const failure = error as PortkeyApiError;
    const ours = ambiguousFailureSeen && findExisting && typeof failure.isAlreadyExists === "function" && (failure.isConflict() || (options.clientChosenKey && failure.isAlreadyExists()));
    if (ours) {
      const existing = await findExisting(request.signal);
      if (existing !== undefined) {
        transport.log("warn", "portkey create adopted an existing object after a re-sent create met 'already exists'", { what, status: failure.status, code: failure.code });
        return { adopted: true, existing };
      }
    }
    throw error;
  }
}
