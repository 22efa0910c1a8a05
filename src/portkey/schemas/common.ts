/**
 * Building blocks for the Admin API shapes. Read shapes are tolerant (fact sheet §1.7): loose
 * booleans and numbers, null/[]/{} for never-set collections, unknown fields stripped. Write
 * shapes are strict so a typo in our own code fails before a request is sent.
 */
import * as z from "zod/v4";

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isEmptyObject = (value: unknown) => isPlainObject(value) && Object.keys(value).length === 0;

/** `null` reads as absent. */
export function opt<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional());
}

/** Strings; numeric ids are accepted and stringified. */
export const text = z.preprocess((value) => (typeof value === "number" ? String(value) : value), z.string());

/** true/false, 1/0, "true"/"false"/"1"/"0"; null or absent reads as undefined. */
export const looseBoolean = z.preprocess((value) => {
  if (value === null) return undefined;
  if (value === 1 || value === "1" || value === "true") return true;
  if (value === 0 || value === "0" || value === "false") return false;
  return value;
}, z.boolean().optional());

/** Numbers that may arrive as `10.0`-style strings; null reads as undefined. */
export const looseNumber = z.preprocess((value) => {
  if (value === null) return undefined;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return value;
}, z.number().optional());

/** A collection that may be missing, null or `{}` when never set: always an array. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === null || value === undefined || isEmptyObject(value) ? [] : value), z.array(item));
}

/** A string map that may be missing or null: always an object. */
export const stringMap = z.preprocess((value) => (value === null || value === undefined ? {} : value), z.record(z.string(), z.string()));

/** A free-form object that may be missing or null: always an object. */
export const objectMap = z.preprocess((value) => (value === null || value === undefined ? {} : value), z.record(z.string(), z.unknown()));

/** Some endpoints wrap the payload in `{success, data}` (OAS) and others don't (live): unwrap. */
export function unwrapped<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (isPlainObject(value) && "success" in value && isPlainObject(value.data) ? value.data : value), schema);
}

/** A JSON value that may arrive encoded as a string (config `config`, policy `conditions`). */
export function jsonEncoded<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      ctx.issues.push({ code: "custom", message: "expected JSON text or a JSON value", input: value });
      return z.NEVER;
    }
  }, schema);
}

/** Bodies of update/delete calls: usually `{}`, whatever they are we re-read. */
export const ignoredBody = z.unknown();

// ---- limits (fact sheet §2) ----

export const usageLimitsRead = z.object({
  type: opt(z.string()),
  credit_limit: looseNumber,
  alert_threshold: looseNumber,
  periodic_reset: opt(z.string()),
  periodic_reset_days: looseNumber,
  next_usage_reset_at: opt(z.string()),
});
export type UsageLimits = z.infer<typeof usageLimitsRead>;

/** `null`, `{}` and bookkeeping-only objects (`{is_expired_alerts_sent:true}`) mean "no budget". */
export const usageLimitsOrNull = z.preprocess((value) => {
  if (!isPlainObject(value)) return value ?? null;
  return value.credit_limit === undefined && value.type === undefined ? null : value;
}, usageLimitsRead.nullable());

export const rateLimitRead = z.object({
  type: opt(z.string()),
  unit: opt(z.string()),
  value: looseNumber,
});
export type RateLimit = z.infer<typeof rateLimitRead>;

/** Rate limits arrive as an array, a single object (OAS), `{}` or null: always an array. */
export const rateLimitList = z.preprocess(
  (value) => (isPlainObject(value) && !isEmptyObject(value) ? [value] : value),
  listOf(rateLimitRead),
);

export const usageLimitsInput = z
  .object({
    type: z.enum(["cost", "tokens"]),
    credit_limit: z.number().positive(),
    alert_threshold: z.number().positive().optional(),
    periodic_reset: z.enum(["monthly", "weekly"]).nullable().optional(),
    periodic_reset_days: z.number().int().min(1).max(365).nullable().optional(),
    next_usage_reset_at: z.string().nullable().optional(),
  })
  .strict()
  .refine((limits) => !(limits.periodic_reset && limits.periodic_reset_days), {
    message: "periodic_reset and periodic_reset_days are mutually exclusive: set one of them",
  });
export type UsageLimitsInput = z.infer<typeof usageLimitsInput>;

export const rateLimitInput = z
  .object({
    type: z.enum(["requests", "tokens"]),
    unit: z.enum(["rps", "rpm", "rph", "rpd", "rpw"]),
    value: z.number().int().min(0),
  })
  .strict();
export type RateLimitInput = z.infer<typeof rateLimitInput>;

export const slugInput = z.string().regex(/^[a-zA-Z0-9_-]+$/, "must contain only letters, digits, '_' and '-'").max(255);

/** A workspace identifier: UUID or `ws-...` slug (both are accepted by the API). */
export const workspaceIdInput = z.string().min(1, "must be the workspace UUID or slug");

// ---- list envelope (fact sheet §1.5) ----

export const listPage = z.preprocess(
  (value) => (Array.isArray(value) ? { data: value } : value),
  z.object({
    total: looseNumber,
    data: listOf(z.unknown()),
  }),
);
