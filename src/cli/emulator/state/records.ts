/**
 * The stored objects, declared once with zod: the types the routes work with and the schema a
 * persisted state file is checked against on load. Secrets (integration key and configurations,
 * API-key secrets, virtual-key keys) are stored in clear here because the emulator's gateway
 * must verify them after a restart; views (views.ts) mask them on the way out.
 */
import { z } from "zod";

const json = z.json();
const jsonObject = z.record(z.string(), z.json());
const timestamp = z.string();
const status = z.string();

export const workspaceRecord = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  icon: z.string().nullable(),
  defaults: jsonObject.nullable(),
  usage_limits: z.array(json),
  rate_limits: z.array(json),
  status,
  created_at: timestamp,
  last_updated_at: timestamp,
});

export const accessEntry = z.object({
  workspace_id: z.string(),
  enabled: z.boolean(),
  usage_limits: z.array(json).nullable(),
  rate_limits: z.array(json).nullable(),
});

export const modelEntry = z.object({
  slug: z.string(),
  enabled: z.boolean(),
  is_custom: z.boolean(),
  is_finetune: z.boolean(),
  base_model_slug: z.string().nullable(),
  configurations: jsonObject.nullable(),
  pricing_config: jsonObject.nullable(),
});

export const integrationRecord = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  ai_provider_id: z.string(),
  description: z.string().nullable(),
  key: z.string().nullable(),
  configurations: jsonObject,
  workspace_id: z.string().nullable(),
  status,
  secret_mappings: z.array(json),
  pricing_adjustments: jsonObject.nullable(),
  allow_all_models: z.boolean(),
  models: z.array(modelEntry),
  access: z.array(accessEntry),
  global_workspace_access_settings: jsonObject.nullable(),
  created_at: timestamp,
  last_updated_at: timestamp,
});

/** Providers and legacy virtual keys are the same objects seen through two APIs (fact sheet §4.4). */
export const providerRecord = z.object({
  kind: z.enum(["provider", "virtual-key"]),
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  note: z.string().nullable(),
  status,
  integration_id: z.string().nullable(),
  workspace_id: z.string(),
  ai_provider_name: z.string(),
  model_config: jsonObject,
  key: z.string().nullable(),
  usage_limits: json,
  rate_limits: z.array(json).nullable(),
  expires_at: z.string().nullable(),
  auto_created: z.boolean(),
  created_at: timestamp,
  last_updated_at: timestamp,
});

export const configVersion = z.object({ version_id: z.string(), name: z.string(), config: jsonObject, created_at: timestamp });

export const configRecord = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  workspace_id: z.string(),
  is_default: z.union([z.literal(0), z.literal(1)]),
  status,
  config: jsonObject,
  version_id: z.string(),
  versions: z.array(configVersion),
  created_at: timestamp,
  last_updated_at: timestamp,
});

export const apiKeyRecord = z.object({
  id: z.string(),
  secret: z.string(),
  /** The secret before the last rotation, valid until `previous_expires_at`. */
  previous_secret: z.string().nullable(),
  previous_expires_at: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  type: z.enum(["organisation", "workspace"]),
  sub_type: z.enum(["service", "user"]),
  workspace_id: z.string().nullable(),
  user_id: z.string().nullable(),
  status,
  scopes: z.array(z.string()),
  rate_limits: z.array(json),
  usage_limits: jsonObject.nullable(),
  alert_emails: z.array(z.string()).nullable(),
  expires_at: z.string().nullable(),
  defaults: jsonObject,
  rotation_policy: jsonObject.nullable(),
  created_at: timestamp,
  last_updated_at: timestamp,
});

export const policyRecord = z.object({
  kind: z.enum(["usage-limits", "rate-limits"]),
  id: z.string(),
  name: z.string().nullable(),
  workspace_id: z.string().nullable(),
  status,
  /** conditions, group_by, type, limits: everything the API echoes back unchanged. */
  fields: jsonObject,
  created_at: timestamp,
  last_updated_at: timestamp,
});

/**
 * A budget's running total (usage_limits on a workspace, an integration's workspace access, a
 * provider, an API key), in the unit of the limit it serves: USD for cost, tokens for tokens.
 * Keyed by object, limit type and reset rule, so two budgets of one object never share a sum.
 */
export const usageCounter = z.object({
  key: z.string(),
  /** `api-key:<id>`, `workspace:<id>`, `access:<integration id>:<workspace id>`, `provider:<id>`. */
  owner: z.string(),
  usage: z.number(),
  created_at: timestamp,
  last_reset_at: timestamp.nullable(),
});

/** An org user: made only by accepting an invite (there is no create, fact sheet §12). */
export const userRecord = z.object({
  id: z.string(),
  email: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  role: z.enum(["owner", "admin", "member"]),
  created_at: timestamp,
  last_updated_at: timestamp,
});

export const inviteRecord = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(["admin", "member"]),
  status: z.enum(["pending", "cancelled", "accepted", "expired"]),
  /** Workspace UUIDs with the role the invite grants there. */
  workspaces: z.array(z.object({ workspace_id: z.string(), role: z.enum(["admin", "manager", "member"]) })),
  created_at: timestamp,
  expires_at: timestamp,
  accepted_at: timestamp.nullable(),
});

/** A user's membership of a workspace (the workspace's UUID). */
export const memberRecord = z.object({
  workspace_id: z.string(),
  user_id: z.string(),
  role: z.enum(["admin", "manager", "member"]),
  created_at: timestamp,
  last_updated_at: timestamp,
});

export const emulatorState = z.object({
  version: z.literal(1),
  organisation_id: z.string(),
  workspaces: z.array(workspaceRecord),
  integrations: z.array(integrationRecord),
  providers: z.array(providerRecord),
  configs: z.array(configRecord),
  apiKeys: z.array(apiKeyRecord),
  policies: z.array(policyRecord),
  /** Budget counters; absent in state files written before budgets were enforced. */
  usage: z.array(usageCounter).default([]),
  /** Users, invites and memberships; absent in state files written before members existed. */
  users: z.array(userRecord).default([]),
  invites: z.array(inviteRecord).default([]),
  members: z.array(memberRecord).default([]),
});

export type WorkspaceRecord = z.infer<typeof workspaceRecord>;
export type AccessEntry = z.infer<typeof accessEntry>;
export type ModelEntry = z.infer<typeof modelEntry>;
export type IntegrationRecord = z.infer<typeof integrationRecord>;
export type ProviderRecord = z.infer<typeof providerRecord>;
export type ConfigRecord = z.infer<typeof configRecord>;
export type ApiKeyRecord = z.infer<typeof apiKeyRecord>;
export type PolicyRecord = z.infer<typeof policyRecord>;
export type UsageCounter = z.infer<typeof usageCounter>;
export type UserRecord = z.infer<typeof userRecord>;
export type InviteRecord = z.infer<typeof inviteRecord>;
export type MemberRecord = z.infer<typeof memberRecord>;
export type EmulatorState = z.infer<typeof emulatorState>;
