/**
 * The one error type the Admin API client throws. `kind` says what went wrong:
 * - `http`: the API answered with a non-2xx status (`status`, `code` from the error envelope);
 * - `network`: the connection failed (reset, refused, ...; `code` is the socket error code);
 * - `timeout`: an attempt exceeded `timeoutMs` or the total budget `maxTotalMs`;
 * - `cancelled`: the caller's `AbortSignal` fired;
 * - `invalid-response`: a 2xx body that is not the documented shape;
 * - `invalid-request`: the caller's input failed validation before anything was sent.
 * Messages are scrubbed through the client's `SecretRegistry` before construction.
 */
import { decodeErrorBody } from "./error-envelope";
import { neverSent } from "./network-failure";

export type PortkeyErrorKind = "http" | "network" | "timeout" | "cancelled" | "invalid-response" | "invalid-request";

export interface PortkeyApiErrorInit {
  readonly kind: PortkeyErrorKind;
  readonly message: string;
  readonly method: string;
  /** Request path without the query string. */
  readonly path: string;
  readonly status?: number;
  /** Portkey error code (`AB01`..`AB09`) for `http`, socket error code for `network`. */
  readonly code?: string;
  readonly attempts?: number;
  /** The (redacted) decoded error body, when there was one. */
  readonly body?: unknown;
  /** `cancelled` only: the call was cancelled while waiting to retry an attempt that may have been applied. */
  readonly afterUnansweredAttempt?: boolean;
}


/** Portkey's not-found messages ("Config \"pc-x\" not found."); a route miss names the endpoint instead. */
const SAYS_NOT_FOUND = /\bnot found\b|\bdoes not exist\b|\bno longer exists\b/i;
const NAMES_A_ROUTE = /\b(endpoint|route|path)\b/i;

/** Network error codes worth another attempt. Others (TLS, DNS NXDOMAIN, bad URL) are final. */
const RETRYABLE_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

export class PortkeyApiError extends Error {
  readonly kind: PortkeyErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly attempts: number;
  readonly body: unknown;
  readonly afterUnansweredAttempt: boolean;

  constructor(init: PortkeyApiErrorInit) {
    super(init.message);
    this.name = "PortkeyApiError";
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.code = init.code;
    this.attempts = init.attempts ?? 1;
    this.body = init.body;
    this.afterUnansweredAttempt = init.afterUnansweredAttempt ?? false;
  }

  /**
   * A definite "no such object": 404 with Portkey's not-found code (AB08) and a message that
   * says so. A 404 without that envelope (a proxy, a wrong base path, a route Portkey does not
   * have) is not definite: see `mayBeGone`.
   */
  isNotFound(): boolean {
    if (this.kind !== "http" || this.status !== 404 || this.code !== "AB08") return false;
    const said = this.serverMessage() ?? "";
    return SAYS_NOT_FOUND.test(said) && !NAMES_A_ROUTE.test(said);
  }

  /** The message of Portkey's error envelope, without the request line this error's message adds. */
  private serverMessage(): string | undefined {
    if (this.body === undefined) return undefined;
    return typeof this.body === "string" ? this.body : decodeErrorBody(JSON.stringify(this.body)).message;
  }

  /**
   * An answer that may mean "deleted" but may just as well mean something else, so nobody may
   * act on it as "gone" without confirming: 403 AB03 (Portkey's answer for some objects deleted
   * out of band, and also for an admin key that lacks the scope), or any 404 that is not a
   * definite not-found.
   */
  mayBeGone(): boolean {
    if (this.kind !== "http") return false;
    return (this.status === 403 && this.code === "AB03") || (this.status === 404 && !this.isNotFound());
  }

  /** 409 (AB07: already exists, or cannot delete while dependents exist). */
  isConflict(): boolean {
    return this.kind === "http" && (this.status === 409 || this.code === "AB07");
  }

  /** A 400 whose message says the object already exists (duplicate client-chosen slug). */
  isAlreadyExists(): boolean {
    return this.isConflict() || (this.kind === "http" && this.status === 400 && /already exists|duplicate/i.test(this.message));
  }

  isCancelled(): boolean {
    return this.kind === "cancelled";
  }

  isTimeout(): boolean {
    return this.kind === "timeout";
  }

  /** Would another attempt plausibly succeed? 429, 5xx except 501, timeouts, resets/refusals. */
  isRetryable(): boolean {
    switch (this.kind) {
      case "http":
        return this.status === 429 || (this.status !== undefined && this.status >= 500 && this.status !== 501);
      case "timeout":
        return true;
      // A 2xx whose body is garbled (HTML, empty, null, cut off): the server did the work; the
      // answer was damaged on the way. Another attempt may get a usable answer (issue 13 item 1).
      case "invalid-response":
        return this.status !== undefined && this.status >= 200 && this.status < 300;
      case "network":
        return this.code !== undefined && RETRYABLE_NETWORK_CODES.has(this.code);
      default:
        return false;
    }
  }

  /**
   * May the failed request have been applied by the server? A create that failed this way must
   * not be re-sent blindly (it could leave a duplicate). 429, refused connections and failed TLS
   * handshakes were not applied.
   */
  isAmbiguous(): boolean {
    if (this.kind === "timeout") return true;
    if (this.kind === "cancelled") return this.afterUnansweredAttempt;
    // Refused connections, DNS failures and failed TLS handshakes: the request never left (network-failure.ts).
    if (this.kind === "network") return !neverSent(this.code);
    if (this.kind === "http") return this.status !== undefined && this.status >= 500;
    // A garbled 2xx to a create: the object may exist, so it is looked up by natural key before a re-send.
    if (this.kind === "invalid-response") return this.status !== undefined && this.status >= 200 && this.status < 300;
    return false;
  }

  /** A copy of this error recording how many attempts were made in total. */
  withAttempts(attempts: number): PortkeyApiError {
    const suffix = attempts > 1 && this.kind !== "cancelled" ? ` (gave up after ${attempts} attempts)` : "";
    const copy = new PortkeyApiError({
      kind: this.kind,
      method: this.method,
      path: this.path,
      status: this.status,
      code: this.code,
      body: this.body,
      attempts,
      afterUnansweredAttempt: this.afterUnansweredAttempt,
      message: `${this.message}${suffix}`,
    });
    copy.stack = this.stack;
    return copy;
  }
}
