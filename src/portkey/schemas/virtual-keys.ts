/** Legacy virtual keys (fact sheet §5): deprecated in favour of integrations + providers. */
import * as z from "zod/v4";
import { objectMap, opt, rateLimitInput, rateLimitList, text, unwrapped, usageLimitsInput, usageLimitsOrNull, workspaceIdInput, listOf } from "./common";

const deploymentConfigInput = z
  .object({ apiVersion: z.string(), alias: z.string().optional(), is_default: z.boolean().optional(), deploymentName: z.string() })
  .strict();

const secretMappingInput = z.object({ target_field: z.string().min(1), secret_reference_id: z.string().min(1), secret_key: z.string().optional(), value_format: z.enum(["json", "string"]).optional() }).strict();

export const createVirtualKeyInput = z
  .object({
    name: z.string().min(1),
    provider: z.string().min(1, "must be a base provider id such as 'vertex-ai'"),
    key: z.string().optional(),
    note: z.string().optional(),
    workspace_id: workspaceIdInput.optional(),
    usage_limits: usageLimitsInput.optional(),
    /** OAS: a single object on create (reads give an array); both are accepted (§2.3). */
    rate_limits: z.union([rateLimitInput, z.array(rateLimitInput)]).optional(),
    expires_at: z.string().optional(),
    secret_mappings: z.array(secretMappingInput).optional(),
    // Provider-specific top-level camelCase fields (OAS examples).
    resourceName: z.string().optional(),
    apiVersion: z.string().optional(),
    deploymentName: z.string().optional(),
    deploymentConfig: z.array(deploymentConfigInput).optional(),
    awsRegion: z.string().optional(),
    awsAuthType: z.string().optional(),
    awsRoleArn: z.string().optional(),
    awsExternalId: z.string().optional(),
    awsAccessKeyId: z.string().optional(),
    awsSecretAccessKey: z.string().optional(),
    workersAiAccountId: z.string().optional(),
    vertexProjectId: z.string().optional(),
    vertexRegion: z.string().optional(),
    /** Undocumented name, inferred (fact sheet §5): prefer integrations for Vertex. */
    vertexServiceAccountJson: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type CreateVirtualKeyInput = z.input<typeof createVirtualKeyInput>;

export const updateVirtualKeyInput = z
  .object({
    name: z.string().min(1).optional(),
    key: z.string().optional(),
    note: z.string().nullable().optional(),
    deploymentConfig: z.array(deploymentConfigInput).optional(),
    usage_limits: usageLimitsInput.nullable().optional(),
    secret_mappings: z.array(secretMappingInput).optional(),
  })
  .strict();
export type UpdateVirtualKeyInput = z.input<typeof updateVirtualKeyInput>;

/** OAS: `{success, data:{slug}}`; SDK types: `{id, slug, object}`. */
export const virtualKeyCreated = unwrapped(z.object({ id: opt(text), slug: z.string() }));

export const virtualKey = z
  .object({
    id: opt(text),
    slug: z.string(),
    name: opt(z.string()),
    ai_provider_name: opt(z.string()),
    provider: opt(z.string()),
    model_config: objectMap,
    /** `key` reads back as "" (write-only); only the masked form is informative. */
    masked_api_key: opt(z.string()),
    usage_limits: usageLimitsOrNull.optional().transform((limits) => limits ?? null),
    rate_limits: rateLimitList,
    status: opt(z.string()),
    note: opt(z.string()),
    integration_id: opt(z.string()),
    workspace_id: opt(z.string()),
    tags: listOf(z.unknown()),
    expires_at: opt(z.string()),
    created_at: opt(z.string()),
    last_reset_at: opt(z.string()),
  });
export type VirtualKey = z.infer<typeof virtualKey>;
