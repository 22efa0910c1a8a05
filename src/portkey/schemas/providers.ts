/** Providers (fact sheet §4): workspace-scoped handles (`@slug`) on an integration. */
import * as z from "zod/v4";
import { objectMap, opt, rateLimitInput, rateLimitList, slugInput, text, unwrapped, usageLimitsInput, usageLimitsOrNull, looseBoolean, workspaceIdInput } from "./common";

export const createProviderInput = z
  .object({
    name: z.string().min(1),
    /** The integration slug (the integration must be enabled for the workspace, else 403). */
    integration_id: z.string().min(1),
    workspace_id: workspaceIdInput,
    slug: slugInput.optional(),
    note: z.string().nullable().optional(),
    usage_limits: usageLimitsInput.optional(),
    /** Sent as an array (§2.3 conflict: OAS says object, reads and TF use an array). */
    rate_limits: z.array(rateLimitInput).optional(),
    expires_at: z.string().optional(),
  })
  .strict();
export type CreateProviderInput = z.input<typeof createProviderInput>;

export const updateProviderInput = z
  .object({
    name: z.string().min(1).optional(),
    note: z.string().nullable().optional(),
    usage_limits: usageLimitsInput.nullable().optional(),
    rate_limits: z.array(rateLimitInput).nullable().optional(),
    expires_at: z.string().nullable().optional(),
    reset_usage: z.boolean().optional(),
  })
  .strict();
export type UpdateProviderInput = z.input<typeof updateProviderInput>;

export const providerCreated = unwrapped(z.object({ id: opt(text), slug: opt(z.string()) }));

export const provider = z.object({
  id: text,
  slug: z.string(),
  name: opt(z.string()),
  note: opt(z.string()),
  status: opt(z.string()),
  integration_id: opt(z.string()),
  workspace_id: opt(z.string()),
  ai_provider_name: opt(z.string()),
  model_config: objectMap,
  usage_limits: usageLimitsOrNull.optional().transform((limits) => limits ?? null),
  rate_limits: rateLimitList,
  reset_usage: looseBoolean,
  expires_at: opt(z.string()),
  created_at: opt(z.string()),
  last_reset_at: opt(z.string()),
});
export type Provider = z.infer<typeof provider>;
