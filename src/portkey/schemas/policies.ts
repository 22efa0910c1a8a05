/** Usage-limits and rate-limits policies (fact sheet §7.2, §7.3). Delete archives. */
import * as z from "zod/v4";
import { jsonEncoded, listOf, looseNumber, opt, text, unwrapped, workspaceIdInput } from "./common";

const conditionInput = z.object({ key: z.string().min(1), value: z.string() }).strict();
const groupByInput = z.object({ key: z.string().min(1) }).strict();

const scoped = {
  conditions: z.array(conditionInput).min(1, "needs at least one {key, value} condition (the API answers 400 otherwise)"),
  group_by: z.array(groupByInput).min(1, "needs at least one {key} entry"),
  name: z.string().min(1).max(255).optional(),
  workspace_id: workspaceIdInput.optional(),
  organisation_id: z.string().optional(),
};

export const createUsageLimitsPolicyInput = z
  .object({
    ...scoped,
    type: z.enum(["cost", "tokens"]),
    credit_limit: z.number().min(0),
    alert_threshold: z.number().min(0).nullable().optional(),
    periodic_reset: z.enum(["monthly", "weekly"]).nullable().optional(),
  })
  .strict()
  .refine((p) => p.alert_threshold == null || p.alert_threshold < p.credit_limit, { path: ["alert_threshold"], message: "must be below credit_limit" });
export type CreateUsageLimitsPolicyInput = z.input<typeof createUsageLimitsPolicyInput>;

export const updateUsageLimitsPolicyInput = z
  .object({
    name: z.string().min(1).max(255).optional(),
    credit_limit: z.number().min(0).optional(),
    alert_threshold: z.number().min(0).nullable().optional(),
    periodic_reset: z.enum(["monthly", "weekly"]).nullable().optional(),
    reset_usage_for_value: z.string().optional(),
    status: z.enum(["active", "archived"]).optional(),
  })
  .strict();
export type UpdateUsageLimitsPolicyInput = z.input<typeof updateUsageLimitsPolicyInput>;

export const createRateLimitsPolicyInput = z
  .object({
    ...scoped,
    type: z.enum(["requests", "tokens"]),
    unit: z.enum(["rpm", "rph", "rpd"]),
    value: z.number().min(0),
  })
  .strict();
export type CreateRateLimitsPolicyInput = z.input<typeof createRateLimitsPolicyInput>;

export const updateRateLimitsPolicyInput = z
  .object({
    name: z.string().min(1).max(255).optional(),
    unit: z.enum(["rpm", "rph", "rpd"]).optional(),
    value: z.number().min(0).optional(),
    status: z.enum(["active", "archived"]).optional(),
  })
  .strict();
export type UpdateRateLimitsPolicyInput = z.input<typeof updateRateLimitsPolicyInput>;

export const policyCreated = unwrapped(z.object({ id: text, object: opt(z.string()) }));

const condition = z.object({ key: z.string(), value: z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string()) });
const groupBy = z.object({ key: z.string() });

const policyCommon = {
  id: text,
  name: opt(z.string()),
  conditions: jsonEncoded(listOf(condition)),
  group_by: jsonEncoded(listOf(groupBy)),
  type: opt(z.string()),
  status: opt(z.string()),
  workspace_id: opt(z.string()),
  organisation_id: opt(z.string()),
  created_at: opt(z.string()),
  last_updated_at: opt(z.string()),
};

export const usageLimitsPolicy = z.object({
  ...policyCommon,
  credit_limit: looseNumber,
  alert_threshold: looseNumber,
  periodic_reset: opt(z.string()),
  periodic_reset_days: looseNumber,
  next_usage_reset_at: opt(z.string()),
  last_reset_at: opt(z.string()),
});
export type UsageLimitsPolicy = z.infer<typeof usageLimitsPolicy>;

export const rateLimitsPolicy = z.object({
  ...policyCommon,
  unit: opt(z.string()),
  value: looseNumber,
});
export type RateLimitsPolicy = z.infer<typeof rateLimitsPolicy>;

/**
 * One counter of a usage-limits policy (`GET /policies/usage-limits/{id}/entities`): `value_key`
 * names the group_by value, e.g. `metadata._user:ada`. Tolerant: numbers may be strings, unknown
 * fields are dropped, fields beyond `id` may be missing.
 */
export const usageLimitsEntity = z.object({
  id: text,
  value_key: opt(z.string()),
  current_usage: looseNumber,
  status: opt(z.string()),
  created_at: opt(z.string()),
  last_reset_at: opt(z.string()),
});
export type UsageLimitsEntity = z.infer<typeof usageLimitsEntity>;
