/**
 * Retry timing: exponential backoff with full jitter, `Retry-After` (seconds or HTTP date),
 * and the knobs that bound it. Pure functions so tests can pin every number.
 */

export interface RetryOptions {
  /** Total attempts including the first. @default 5 (TF: 4 retries) */
  readonly maxAttempts?: number;
  /** First backoff ceiling in ms; doubles per retry. @default 500 */
  readonly baseDelayMs?: number;
  /** Cap on a single backoff sleep in ms. @default 5000 */
  readonly maxDelayMs?: number;
  /** Budget for all attempts and sleeps of one call, in ms. @default 120000 */
  readonly maxTotalMs?: number;
  /** Per-attempt timeout in ms (headers and body). @default 30000 */
  readonly timeoutMs?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY_OPTIONS: ResolvedRetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 5000,
  maxTotalMs: 120_000,
  timeoutMs: 30_000,
};

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const resolved: ResolvedRetryOptions = {
    maxAttempts: options.maxAttempts ?? DEFAULT_RETRY_OPTIONS.maxAttempts,
    baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY_OPTIONS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY_OPTIONS.maxDelayMs,
    maxTotalMs: options.maxTotalMs ?? DEFAULT_RETRY_OPTIONS.maxTotalMs,
    timeoutMs: options.timeoutMs ?? DEFAULT_RETRY_OPTIONS.timeoutMs,
  };
  for (const [field, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`Portkey client option ${field} must be a non-negative number of ${field === "maxAttempts" ? "attempts" : "milliseconds"}; got ${value}.`);
    }
  }
  if (resolved.maxAttempts < 1) throw new RangeError("Portkey client option maxAttempts must be at least 1 (1 = no retries).");
  return resolved;
}

/** Full jitter: a uniform draw in [0, min(maxDelay, base * 2^(retry-1))). `retry` is 1 for the first retry. */
export function backoffDelayMs(retry: number, options: ResolvedRetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Parse `Retry-After`: delta-seconds or an HTTP date (relative to `now`). Undefined when absent/invalid. */
export function parseRetryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Deterministic PRNG (mulberry32) for tests and reproducible jitter. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sleep that ends early (rejecting with the signal's reason) when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
