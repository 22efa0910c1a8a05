/**
 * Budget and rate-limit attributes shared by resources (fact sheet §2): typed nested attributes
 * on the Terraform side, the API's snake_case arrays on the wire.
 */
import { attr, type Model } from "../framework";

/**
 * Provider-side checks are plain functions, not zod: zod costs ~100 ms to load, and every
 * provider process Terraform starts (3–5 per command) would pay it. The Admin API shapes stay in
 * zod inside the client, which loads only on ConfigureProvider.
 */
export function oneOf(allowed: readonly string[], message: string): (value: string) => string | undefined {
  return (value) => (allowed.includes(value) ? undefined : message);
}

export const usageLimitAttributes = {
  type: attr.string().required().describe('"cost" (USD) or "tokens".').validate(oneOf(["cost", "tokens"], 'must be "cost" or "tokens"')),
  credit_limit: attr.number().required().describe("The budget, in USD for cost or a token count.").validate((n) => (n < 1 ? "credit_limit must be at least 1" : undefined)),
  alert_threshold: attr
    .number()
    .optional()
    .describe("Alert when usage reaches this value (same unit as credit_limit).")
    .validate((n) => (n < 0 ? "alert_threshold must be at least 0" : undefined)),
  periodic_reset: attr
    .string()
    .optional()
    .describe('"monthly" (1st, 00:00 UTC) or "weekly" (Sunday 00:00 UTC); unset means the budget never resets.')
    .validate(oneOf(["monthly", "weekly"], 'must be "monthly" or "weekly"')),
};

export const rateLimitAttributes = {
  type: attr.string().required().describe('"requests" or "tokens".').validate(oneOf(["requests", "tokens"], 'must be "requests" or "tokens"')),
  unit: attr.string().required().describe('"rpm", "rph" or "rpd".').validate(oneOf(["rpm", "rph", "rpd"], 'must be "rpm", "rph" or "rpd" (per minute, hour, day)')),
  value: attr.number().required().describe("Allowed per unit; 0 blocks traffic.").validate((n) => (n < 0 || !Number.isInteger(n) ? "value must be a whole number ≥ 0" : undefined)),
};

export type UsageLimit = Model<typeof usageLimitAttributes>;

/**
 * Validator for `usage_limits` (one budget or a list): an alert above the budget never fires,
 * and it is usually a percentage written where Portkey expects the budget's own unit.
 */
export function checkAlertThresholds(value: UsageLimit | readonly UsageLimit[]): string[] | undefined {
  const limits = Array.isArray(value) ? value : [value as UsageLimit];
  const messages = limits.flatMap(({ credit_limit: limit, alert_threshold: alert }, i) => {
    if (alert === null || !(alert > limit)) return [];
    const at = Array.isArray(value) ? `usage_limits[${i}]` : "usage_limits";
    return [`${at}.alert_threshold (${alert}) must not exceed ${at}.credit_limit (${limit}): it is in the same unit as the budget (USD or tokens), not a percentage`];
  });
  return messages.length > 0 ? messages : undefined;
}
export type RateLimit = Model<typeof rateLimitAttributes>;

interface WireUsageLimit {
  type?: string | null;
  credit_limit?: number | null;
  alert_threshold?: number | null;
  periodic_reset?: string | null;
}

export function usageLimitToWire(limit: UsageLimit) {
  return {
    type: limit.type as "cost" | "tokens",
    credit_limit: limit.credit_limit,
    ...(limit.alert_threshold === null ? {} : { alert_threshold: limit.alert_threshold }),
    ...(limit.periodic_reset === null ? {} : { periodic_reset: limit.periodic_reset as "monthly" | "weekly" }),
  };
}

export function usageLimitFromWire(limit: WireUsageLimit): UsageLimit {
  return {
    type: limit.type ?? "cost",
    credit_limit: Number(limit.credit_limit ?? 0),
    alert_threshold: limit.alert_threshold ?? null,
    periodic_reset: limit.periodic_reset ?? null,
  };
}

export function rateLimitToWire(limit: RateLimit) {
  return { type: limit.type as "requests" | "tokens", unit: limit.unit as "rpm" | "rph" | "rpd", value: limit.value };
}

/** The API answers `[]` for never-set lists; Terraform wants null when the config had none. */
export function emptyAsNull<T>(items: readonly T[] | null | undefined): T[] | null {
  return items && items.length > 0 ? [...items] : null;
}
