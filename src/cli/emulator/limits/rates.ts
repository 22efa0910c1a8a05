/**
 * Rate limits (`rate_limits`: requests or tokens per rps/rpm/rph/rpd/rpw) of any owner, over
 * the store's sliding windows. A requests limit refuses the request that would be one too many;
 * a tokens limit refuses a request whose `max_tokens` would not fit in what is left of the
 * window, because Portkey reserves `max_tokens` before the call (fact sheet §12), then counts
 * what the response really used. `value: 0` refuses everything ("0 disables the provider").
 */
import type { Json } from "../json";
import type { Store } from "../state/store";
import { isRateUnit, type RateUnit } from "./windows";

export interface RateLimit {
  readonly type: "requests" | "tokens";
  readonly unit: RateUnit;
  readonly value: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `rate_limits` as stored (array, single object or null) → the limits that count. */
export function rateLimits(value: Json | undefined): RateLimit[] {
  const items = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return items.flatMap((item) => {
    if (!isObject(item) || !isRateUnit(item.unit)) return [];
    const limit = Number(item.value);
    if (!Number.isFinite(limit)) return [];
    return [{ type: item.type === "tokens" ? ("tokens" as const) : ("requests" as const), unit: item.unit, value: limit }];
  });
}

const windowKey = (owner: string, limit: RateLimit): string => `${owner}|${limit.type}|${limit.unit}`;

/** The first limit this request would break, if any. */
export function brokenRateLimit(store: Store, owner: string, limits: readonly RateLimit[], maxTokens: number): RateLimit | undefined {
  const now = store.clock();
  return limits.find((limit) => store.windows.used(windowKey(owner, limit), limit.unit, now) + (limit.type === "tokens" ? maxTokens : 1) > limit.value);
}

/** Count a served request: one request, and the tokens its response used. */
export function addToRateWindows(store: Store, owner: string, limits: readonly RateLimit[], tokens: number): void {
  const now = store.clock();
  for (const limit of limits) store.windows.add(windowKey(owner, limit), limit.type === "tokens" ? tokens : 1, now);
}
