/** API keys (fact sheet §6). The secret comes back only from create and rotate. */
import * as z from "zod/v4";
import { listOf, looseBoolean, opt, rateLimitInput, rateLimitList, stringMap, text, unwrapped, usageLimitsInput, usageLimitsOrNull, workspaceIdInput } from "./common";

export const apiKeyType = z.enum(["organisation", "workspace"]);
export const apiKeySubType = z.enum(["service", "user"]);

const defaultsInput = z
  .object({
    metadata: z.record(z.string(), z.string().max(128)).optional(),
    config_id: z.string().nullable().optional(),
    allow_config_override: z.boolean().optional(),
  })
  .strict();

const rotationPolicyInput = z
  .object({
    rotation_period: z.enum(["weekly", "monthly"]).optional(),
    next_rotation_at: z.string().optional(),
    key_transition_period_ms: z.number().int().min(1_800_000, "must be at least 1800000 (30 minutes)").optional(),
  })
  .strict()
  .refine((p) => !(p.rotation_period && p.next_rotation_at), { message: "rotation_period and next_rotation_at are mutually exclusive: set one" });

export const createApiKeyInput = z
  .object({
    type: apiKeyType,
    sub_type: apiKeySubType,
    name: z.string().min(1).max(100),
    scopes: z.array(z.string().min(1)).min(1, "needs at least one scope (the API answers 502 without scopes)"),
    description: z.string().max(200).optional(),
    workspace_id: workspaceIdInput.optional(),
    user_id: z.string().optional(),
    organisation_id: z.string().optional(),
    rate_limits: z.array(rateLimitInput).optional(),
    usage_limits: usageLimitsInput.optional(),
    defaults: defaultsInput.optional(),
    alert_emails: z.array(z.string().email()).optional(),
    expires_at: z.string().optional(),
    rotation_policy: rotationPolicyInput.optional(),
  })
  .strict()
  .superRefine((key, ctx) => {
    if (key.type === "workspace" && !key.workspace_id) {
      ctx.addIssue({ code: "custom", path: ["workspace_id"], message: "is required for workspace keys: pass the workspace UUID or slug" });
    }
    if (key.sub_type === "user" && !key.user_id) {
      ctx.addIssue({ code: "custom", path: ["user_id"], message: "is required for user keys: pass the user's UUID" });
    }
    if (key.type === "organisation" && key.sub_type === "user") {
      ctx.addIssue({ code: "custom", path: ["sub_type"], message: "organisation (admin) keys are service keys only: use sub_type 'service'" });
    }
  });
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

export const updateApiKeyInput = z
  .object({
    name: z.string().min(1).max(100).optional(),
    description: z.string().max(200).optional(),
    rate_limits: z.array(rateLimitInput).nullable().optional(),
    usage_limits: usageLimitsInput.nullable().optional(),
    scopes: z.array(z.string().min(1)).min(1).optional(),
    defaults: defaultsInput.optional(),
    alert_emails: z.array(z.string().email()).nullable().optional(),
    expires_at: z.string().nullable().optional(),
    rotation_policy: rotationPolicyInput.nullable().optional(),
    reset_usage: z.boolean().optional(),
  })
  .strict();
export type UpdateApiKeyInput = z.input<typeof updateApiKeyInput>;

export const rotateApiKeyInput = z
  .object({ key_transition_period_ms: z.number().int().min(1_800_000, "must be at least 1800000 (30 minutes)").optional() })
  .strict();
export type RotateApiKeyInput = z.input<typeof rotateApiKeyInput>;

/** Create and rotate answers: carry the full secret in `key`. */
export const apiKeySecret = unwrapped(z.object({ id: text, key: z.string().min(1), key_transition_expires_at: opt(z.string()) }));

/** Split the combined read-back type (`workspace-service`) on its first `-` (§1.7 #13). */
function splitType(raw: string | undefined, subType: string | undefined): { type?: string; sub_type?: string } {
  if (raw === undefined) return { sub_type: subType };
  const dash = raw.indexOf("-");
  if (dash < 0) return { type: raw, sub_type: subType };
  return { type: raw.slice(0, dash), sub_type: subType ?? raw.slice(dash + 1) };
}

export const apiKey = z
  .object({
    id: text,
    /** Masked on every read (e.g. `z1*****3AX`). */
    key: opt(z.string()),
    name: opt(z.string()),
    description: opt(z.string()),
    type: opt(z.string()),
    sub_type: opt(z.string()),
    organisation_id: opt(z.string()),
    workspace_id: opt(z.string()),
    user_id: opt(z.string()),
    status: opt(z.string()),
    creation_mode: opt(z.string()),
    scopes: listOf(z.string()),
    rate_limits: rateLimitList,
    usage_limits: usageLimitsOrNull.optional().transform((limits) => limits ?? null),
    reset_usage: looseBoolean,
    alert_emails: listOf(z.string()),
    expires_at: opt(z.string()),
    expiry_enforced: looseBoolean,
    last_reset_at: opt(z.string()),
    next_usage_reset_at: opt(z.string()),
    allow_config_override: looseBoolean,
    defaults: z.preprocess(
      (value) => value ?? {},
      z.object({ metadata: stringMap, config_id: opt(z.string()), allow_config_override: looseBoolean }),
    ),
    rotation_policy: opt(z.record(z.string(), z.unknown())),
    created_at: opt(z.string()),
    last_updated_at: opt(z.string()),
  })
  .transform(({ key, type, sub_type, ...rest }) => ({ ...rest, ...splitType(type, sub_type), masked_key: key }));
export type ApiKey = z.output<typeof apiKey>;
