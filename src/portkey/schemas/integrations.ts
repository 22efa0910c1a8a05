/** Integrations (fact sheet §3): org- or workspace-level credential stores. */
import * as z from "zod/v4";
import { listOf, looseBoolean, looseNumber, objectMap, opt, rateLimitInput, rateLimitList, slugInput, text, unwrapped, usageLimitsInput, usageLimitsRead, workspaceIdInput } from "./common";

const secretMappingInput = z
  .object({
    target_field: z.string().min(1),
    secret_reference_id: z.string().min(1),
    secret_key: z.string().optional(),
    value_format: z.enum(["json", "string"]).optional(),
  })
  .strict();

const pricingAdjustmentsInput = z.object({ multiplier: z.record(z.string(), z.number().min(0)) }).strict();

/** Vertex credentials live in `configurations`; other providers add their own fields. */
const configurationsInput = z.record(z.string(), z.unknown());

export const createIntegrationInput = z
  .object({
    name: z.string().min(1),
    ai_provider_id: z.string().min(1, "must be a base provider id such as 'vertex-ai'"),
    slug: slugInput.optional(),
    key: z.string().optional(),
    description: z.string().optional(),
    workspace_id: workspaceIdInput.optional(),
    configurations: configurationsInput.optional(),
    create_default_provider: z.boolean().optional(),
    default_provider_slug: slugInput.optional(),
    secret_mappings: z.array(secretMappingInput).optional(),
    pricing_adjustments: pricingAdjustmentsInput.optional(),
  })
  .strict();
export type CreateIntegrationInput = z.input<typeof createIntegrationInput>;

export const updateIntegrationInput = z
  .object({
    name: z.string().min(1).optional(),
    key: z.string().optional(),
    description: z.string().optional(),
    configurations: configurationsInput.optional(),
    secret_mappings: z.array(secretMappingInput).optional(),
    pricing_adjustments: pricingAdjustmentsInput.optional(),
  })
  .strict();
export type UpdateIntegrationInput = z.input<typeof updateIntegrationInput>;

export const integrationCreated = unwrapped(z.object({ id: opt(text), slug: opt(z.string()) }));

const limitsList = listOf(usageLimitsRead);

export const integration = z.object({
  id: text,
  slug: z.string(),
  name: opt(z.string()),
  ai_provider_id: opt(z.string()),
  description: opt(z.string()),
  status: opt(z.string()),
  type: opt(z.string()),
  workspace_id: opt(z.string()),
  organisation_id: opt(z.string()),
  /** The provider key is write-only: reads carry only this masked form. */
  masked_key: opt(z.string()),
  /** Sensitive sub-fields come back masked and renamed with a `masked_` prefix. */
  configurations: objectMap,
  global_workspace_access_settings: opt(
    z.object({ enabled: looseBoolean, usage_limits: limitsList, rate_limits: rateLimitList }),
  ),
  allow_all_models: looseBoolean,
  workspace_count: looseNumber,
  secret_mappings: listOf(z.record(z.string(), z.unknown())),
  pricing_adjustments: opt(z.record(z.string(), z.unknown())),
  created_at: opt(z.string()),
  last_updated_at: opt(z.string()),
});
export type Integration = z.infer<typeof integration>;

// ---- workspace access (§3.5) ----

const limitsPatch = {
  usage_limits: z.array(usageLimitsInput).max(1).optional(),
  rate_limits: z.array(rateLimitInput).max(1).optional(),
};

export const putIntegrationWorkspacesInput = z
  .object({
    workspaces: z
      .array(
        z
          .object({
            id: workspaceIdInput,
            enabled: z.boolean(),
            ...limitsPatch,
            reset_usage: z.boolean().optional(),
            create_default_provider: z.boolean().optional(),
            default_provider_slug: slugInput.optional(),
          })
          .strict(),
      )
      .optional(),
    global_workspace_access: z.object({ enabled: z.boolean(), ...limitsPatch }).strict().optional(),
    override_existing_workspace_access: z.boolean().optional(),
    create_default_provider: z.boolean().optional(),
    default_provider_slug: slugInput.optional(),
  })
  .strict();
export type PutIntegrationWorkspacesInput = z.input<typeof putIntegrationWorkspacesInput>;

export const integrationWorkspace = z.object({
  /** Usually the workspace slug, even when access was granted by UUID (§1.7 #3). */
  id: text,
  enabled: looseBoolean,
  usage_limits: limitsList,
  rate_limits: rateLimitList,
});
export type IntegrationWorkspace = z.infer<typeof integrationWorkspace>;

export const integrationWorkspaces = z
  .object({ total: looseNumber, workspaces: opt(z.array(integrationWorkspace)), data: opt(z.array(integrationWorkspace)) })
  .transform((body) => {
    const workspaces = body.workspaces ?? body.data ?? [];
    return { total: body.total ?? workspaces.length, workspaces };
  });
export type IntegrationWorkspaces = z.output<typeof integrationWorkspaces>;

// ---- models (§3.6) ----

const pricingConfigInput = z
  .object({
    type: z.literal("static"),
    pay_as_you_go: z
      .object({
        request_token: z.object({ price: z.number().min(0) }).strict().optional(),
        response_token: z.object({ price: z.number().min(0) }).strict().optional(),
      })
      .strict(),
  })
  .strict();

export const putIntegrationModelsInput = z
  .object({
    allow_all_models: z.boolean().optional(),
    models: z.array(
      z
        .object({
          slug: z.string().min(1),
          enabled: z.boolean(),
          is_custom: z.boolean().optional(),
          is_finetune: z.boolean().optional(),
          base_model_slug: z.string().optional(),
          configurations: z.object({ custom_host: z.string(), custom_headers: z.record(z.string(), z.string()).optional() }).strict().optional(),
          pricing_config: pricingConfigInput.optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type PutIntegrationModelsInput = z.input<typeof putIntegrationModelsInput>;

export const integrationModel = z.object({
  slug: z.string(),
  name: opt(z.string()),
  enabled: looseBoolean,
  is_custom: looseBoolean,
  is_finetune: looseBoolean,
  base_model_slug: opt(z.string()),
  pricing_config: opt(z.record(z.string(), z.unknown())),
});
export type IntegrationModel = z.infer<typeof integrationModel>;

export const integrationModels = z
  .object({ allow_all_models: looseBoolean, total: looseNumber, models: opt(z.array(integrationModel)), data: opt(z.array(integrationModel)) })
  .transform((body) => {
    const models = body.models ?? body.data ?? [];
    return { allow_all_models: body.allow_all_models ?? true, total: body.total ?? models.length, models };
  });
export type IntegrationModels = z.output<typeof integrationModels>;
