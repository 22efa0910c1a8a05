/**
 * The one place that talks HTTP to the Admin API: base URL, auth header, JSON in/out,
 * per-attempt timeout, caller cancellation, retries with backoff and `Retry-After`, logging,
 * and decoding every failure into a scrubbed `PortkeyApiError`.
 */
import { Agent, type Dispatcher } from "undici";
import type * as z from "zod/v4";
import { credentialProblem } from "./credential-check";
import { decodeErrorBody } from "./error-envelope";
import { PortkeyApiError, type PortkeyApiErrorInit } from "./errors";
import { type LogFields, type Logger, type LogLevel, silentLogger } from "./log";
import { tlsFailure, tlsFailureMessage } from "./network-failure";
import { SecretRegistry } from "./redact";
import {
  abortableSleep,
  backoffDelayMs,
  parseRetryAfterMs,
  type ResolvedRetryOptions,
  type RetryOptions,
  resolveRetryOptions,
} from "./retry-policy";

export const DEFAULT_BASE_URL = "https://api.portkey.ai/v1";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";
export type QueryValue = string | number | boolean | undefined;

export interface TransportOptions extends RetryOptions {
  /** Admin (or workspace) API key, sent as `x-portkey-api-key`. Registered as a secret. */
  readonly apiKey: string;
  /** @default "https://api.portkey.ai/v1" (a trailing slash is fine) */
  readonly baseUrl?: string;
  /** undici dispatcher; by default a keep-alive `Agent` owned (and closed) by the transport. */
  readonly dispatcher?: Dispatcher;
  readonly logger?: Logger;
  /** Where secrets seen by the client are remembered; shared with the caller's own logging. */
  readonly secrets?: SecretRegistry;
  /** Uniform [0,1) source for jitter. @default Math.random */
  readonly random?: () => number;
  /** Backoff sleep; must reject when `signal` aborts. @default a timer */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Clock for the total-time budget. @default Date.now */
  readonly now?: () => number;
}

export interface RequestSpec<T> {
  readonly method: HttpMethod;
  /** Path under the base URL, starting with `/`; segments must already be encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** Shape of a 2xx body (an empty body is read as `{}`). */
  readonly schema: z.ZodType<T>;
  readonly signal?: AbortSignal;
}

/**
 * Called before a re-send that follows an ambiguous failure (the request may have been applied).
 * Return a value to stop and hand it back as adopted; return undefined to re-send; throw to give up.
 */
export type BeforeResend<A> = (failure: PortkeyApiError) => Promise<A | undefined>;

export type SendOutcome<T, A> = { readonly adopted: false; readonly value: T } | { readonly adopted: true; readonly value: A };

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

export class Transport {
  readonly secrets: SecretRegistry;
  readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly logger: Logger;
  private readonly retry: ResolvedRetryOptions;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;

  constructor(options: TransportOptions) {
    // Checked here, not left to undici: it refuses such a header only once the request is under
    // way, and the failure would then look like one that may have reached Portkey.
    const keyProblem = typeof options.apiKey === "string" ? credentialProblem(options.apiKey) : { what: "is not a string", fix: "pass the admin API key" };
    if (keyProblem) throw new TypeError(`Portkey client option apiKey ${keyProblem.what}: ${keyProblem.fix}.`);
    this.secrets = options.secrets ?? new SecretRegistry();
    this.secrets.add(options.apiKey);
    this.apiKey = options.apiKey;
    this.baseUrl = normaliseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connections: 16 });
    this.logger = options.logger ?? silentLogger;
    this.retry = resolveRetryOptions(options);
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? Date.now;
  }

  /** Send with retries; resolves to the parsed 2xx body. */
  async send<T>(spec: RequestSpec<T>): Promise<T> {
    const outcome = await this.sendOrAdopt<T, never>(spec);
    return outcome.value;
  }

  /** Send with retries, consulting `beforeResend` before any re-send after an ambiguous failure. */
  async sendOrAdopt<T, A>(spec: RequestSpec<T>, beforeResend?: BeforeResend<A>): Promise<SendOutcome<T, A>> {
    const started = this.now();
    const deadline = started + this.retry.maxTotalMs;
    let previous: PortkeyApiError | undefined;
    for (let attempt = 1; ; attempt++) {
      if (previous && beforeResend && previous.isAmbiguous()) {
        const adopted = await beforeResend(previous.withAttempts(attempt - 1));
        if (adopted !== undefined) return { adopted: true, value: adopted };
      }
      const attemptStart = this.now();
      const remaining = deadline - attemptStart;
      let failure: PortkeyApiError;
      let retryAfterMs: number | undefined;
      try {
        const response = await this.attempt(spec, Math.min(this.retry.timeoutMs, Math.max(1, remaining)));
        this.log("debug", "portkey request", { ...this.describe(spec, attempt), status: response.status, durationMs: this.now() - attemptStart });
        if (response.status >= 200 && response.status < 300) {
          return { adopted: false, value: this.decodeSuccess(spec, response, attempt) };
        }
        failure = this.httpError(spec, response);
        retryAfterMs = parseRetryAfterMs(headerValue(response.headers["retry-after"]), this.now());
      } catch (error) {
        failure = this.asPortkeyError(spec, error);
        this.log("debug", "portkey request", { ...this.describe(spec, attempt), error: failure.kind, code: failure.code, durationMs: this.now() - attemptStart });
      }
      if (!failure.isRetryable() || attempt >= this.retry.maxAttempts) throw failure.withAttempts(attempt);
      const delayMs = retryAfterMs ?? backoffDelayMs(attempt, this.retry, this.random);
      if (this.now() + delayMs >= deadline) {
        throw failure.withAttempts(attempt);
      }
      this.log("warn", "portkey request will be retried", {
        ...this.describe(spec, attempt),
        status: failure.status,
        reason: failure.message,
        delayMs,
        retryAfterMs,
      });
      try {
        await this.sleep(delayMs, spec.signal);
      } catch {
        throw this.cancelled(spec, attempt, failure.isAmbiguous());
      }
      previous = failure;
    }
  }

  /** The per-attempt timeout: how long a request may take before the client gives up on it. */
  get requestTimeoutMs(): number {
    return this.retry.timeoutMs;
  }

  /** Wait `ms` (the transport's own clock, so tests can fake it); rejects when `signal` aborts. */
  pause(ms: number, signal?: AbortSignal): Promise<void> {
    return this.sleep(ms, signal);
  }

  /** Close the keep-alive pool if the transport created it. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /** Emit a log event after scrubbing, whatever logger the caller supplied. */
  log(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (!this.logger.isEnabled(level)) return;
    this.logger.log(level, this.secrets.scrub(message), this.secrets.redact(fields));
  }

  /** A scrubbed error built outside the request path (e.g. invalid input, give-up decisions). */
  error(init: PortkeyApiErrorInit): PortkeyApiError {
    return new PortkeyApiError({ ...init, message: this.secrets.scrub(init.message), body: this.secrets.redact(init.body) });
  }

  /** The same failure with a sentence added to its message (what the caller did about it). */
  amend(failure: PortkeyApiError, addition: string): PortkeyApiError {
    const { kind, method, path, status, code, attempts, body, afterUnansweredAttempt } = failure;
    return this.error({ kind, method, path, status, code, attempts, body, afterUnansweredAttempt, message: `${failure.message}${addition}` });
  }

  private async attempt(spec: RequestSpec<unknown>, timeoutMs: number): Promise<RawResponse> {
    if (spec.signal?.aborted) throw new CancelledMarker();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error("timeout"));
    }, timeoutMs);
    const onCallerAbort = () => controller.abort(new Error("cancelled"));
    spec.signal?.addEventListener("abort", onCallerAbort, { once: true });
    try {
      const headers: Record<string, string> = { "x-portkey-api-key": this.apiKey, accept: "application/json" };
      let body: string | undefined;
      if (spec.body !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(spec.body);
      }
      const url = new URL(this.url(spec));
      // The dispatcher's own method, not undici's top-level `request`: the provider bundle loads
      // only undici's Agent and request API (src/provider/bundle.ts), not its whole index.
      const response = await this.dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: spec.method,
        headers,
        body,
        signal: controller.signal,
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      if (spec.signal?.aborted) throw new CancelledMarker();
      if (timedOut) throw new TimeoutMarker(timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener("abort", onCallerAbort);
    }
  }

  private url(spec: RequestSpec<unknown>): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) params.set(name, String(value));
    }
    const query = params.toString();
    return `${this.baseUrl}${spec.path}${query ? `?${query}` : ""}`;
  }

  /**
   * A 2xx body that fails its schema becomes an `invalid-response` error carrying the status: the
   * request was performed (a proxy page, a cut connection, a body without id), so a GET/PUT/DELETE
   * is retried and a POST counts as ambiguous (see `PortkeyApiError.isAmbiguous`).
   */
  private decodeSuccess<T>(spec: RequestSpec<T>, response: RawResponse, attempt: number): T {
    let json: unknown = {};
    const performed = spec.method === "POST" ? " The request was performed: what it created may exist." : "";
    if (response.text.trim() !== "") {
      try {
        json = JSON.parse(response.text);
      } catch {
        const what = /^\s*</.test(response.text) ? "an HTML page (a proxy or gateway answered, not the Admin API)" : "a body that is not JSON (cut off or garbled)";
        throw this.error({ kind: "invalid-response", method: spec.method, path: spec.path, status: response.status, attempts: attempt, message: `Portkey API ${spec.method} ${spec.path} answered ${response.status} with ${what}.${performed}` });
      }
    }
    const parsed = spec.schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
    const shown = response.text.trim() === "" ? "an empty body" : `an unexpected shape (${issues.join("; ")})`;
    throw this.error({
      kind: "invalid-response",
      method: spec.method,
      path: spec.path,
      status: response.status,
      attempts: attempt,
      // No body: a garbled create answer may carry a secret not yet registered for redaction.
      message: `Portkey API ${spec.method} ${spec.path} answered ${response.status} with ${shown}.${performed}`,
    });
  }

  private httpError(spec: RequestSpec<unknown>, response: RawResponse): PortkeyApiError {
    const decoded = decodeErrorBody(response.text);
    const code = decoded.code;
    const detail = decoded.message ?? "(no message)";
    return this.error({
      kind: "http",
      method: spec.method,
      path: spec.path,
      status: response.status,
      code,
      body: decoded.body,
      message: `Portkey API ${spec.method} ${spec.path} failed with HTTP ${response.status}${code ? ` ${code}` : ""}: ${detail}${response.status === 404 && code === undefined ? this.notTheAdminApi() : ""}`,
    });
  }

  private asPortkeyError(spec: RequestSpec<unknown>, error: unknown): PortkeyApiError {
    if (error instanceof PortkeyApiError) return error;
    if (error instanceof CancelledMarker) return this.cancelled(spec, 1);
    if (error instanceof TimeoutMarker) {
      return this.error({ kind: "timeout", method: spec.method, path: spec.path, message: `Portkey API ${spec.method} ${spec.path} timed out after ${error.timeoutMs} ms.` });
    }
    const code = networkCode(error);
    const tls = tlsFailure(code);
    if (tls !== undefined && code !== undefined) {
      // OpenSSL's own text ("…:error:0A00010B:SSL routines:…") says nothing a user can act on.
      const why = tlsFailureMessage(tls, code, new URL(this.baseUrl).origin);
      return this.error({ kind: "network", method: spec.method, path: spec.path, code, message: `Portkey API ${spec.method} ${spec.path} was not sent: ${why}.` });
    }
    const reason = error instanceof Error ? error.message : String(error);
    return this.error({ kind: "network", method: spec.method, path: spec.path, code, message: `Portkey API ${spec.method} ${spec.path} failed: ${code ?? "network error"} (${reason}).` });
  }

  /**
   * A 404 without Portkey's error body did not come from the Admin API (its own 404s carry one):
   * most likely the base URL points elsewhere, e.g. it lacks /v1.
   */
  private notTheAdminApi(): string {
    return ` (this 404 does not come from Portkey's Admin API, which answers with an error code: check the base URL ${this.baseUrl}; the Admin API lives under /v1, e.g. https://api.portkey.ai/v1)`;
  }

  private cancelled(spec: RequestSpec<unknown>, attempts: number, afterUnansweredAttempt = false): PortkeyApiError {
    const when = afterUnansweredAttempt ? " while waiting to retry an attempt that went unanswered" : "";
    return this.error({ kind: "cancelled", method: spec.method, path: spec.path, attempts, afterUnansweredAttempt, message: `Portkey API ${spec.method} ${spec.path} was cancelled by the caller${when}.` });
  }

  private describe(spec: RequestSpec<unknown>, attempt: number): LogFields {
    return { method: spec.method, path: spec.path, attempt };
  }
}

/** Thrown inside an attempt; mapped to a `cancelled` PortkeyApiError. */
class CancelledMarker extends Error {}

/** Thrown inside an attempt; mapped to a `timeout` PortkeyApiError. */
class TimeoutMarker extends Error {
  constructor(readonly timeoutMs: number) {
    super("timeout");
  }
}

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`Portkey client option baseUrl is not a URL: "${raw}". Expected e.g. "https://api.portkey.ai/v1".`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`Portkey client option baseUrl must be http(s); got "${url.protocol}".`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
