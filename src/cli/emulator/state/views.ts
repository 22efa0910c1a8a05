/**
 * What the API returns for each stored object: the read shapes of portkey-admin-api.md, with
 * the quirks a client must survive (icon-prefixed workspace names, combined API-key `type`,
 * config `config` as a JSON string, `is_default` as 0/1, `last_updated_at`) and every secret
 * masked or left out.
 */
import { isSecretField } from "../../../portkey/redact";
import { maskSecret } from "../ids";
import { isJsonObject, type Json, type JsonObject } from "../json";
import { budgetStatus, statusWithBudget } from "../limits/budgets";
import { apiKeyLimits, type ObjectLimits, providerLimits } from "../limits/object-limits";
import type { ApiKeyRecord, ConfigRecord, IntegrationRecord, PolicyRecord, ProviderRecord, WorkspaceRecord } from "./records";
import type { Store } from "./store";

/**
 * What an object's budgets say about it: `status` "exhausted" while a budget is used up (an
 * active object only; archived or expired stays so), and its counters' last and next reset.
 */
export function budgetView(store: Store, limits: ObjectLimits, stored: string): { status: string; last_reset_at: string | null; next_usage_reset_at: string | null } {
  const states = limits.budgets.map((limit) => budgetStatus(store, limits.owner, limit));
  // ISO timestamps sort as text: the latest reset that happened, the earliest one to come.
  const sorted = (values: (string | null)[]) => values.filter((value): value is string => value !== null).sort();
  return {
    status: statusWithBudget(store, limits.owner, stored, limits.budgets),
    last_reset_at: sorted(states.map((item) => item.lastResetAt)).at(-1) ?? null,
    next_usage_reset_at: sorted(states.map((item) => item.nextResetAt))[0] ?? null,
  };
}

export function workspaceView(ws: WorkspaceRecord, store: Store): JsonObject {
  return {
    id: ws.id,
    slug: ws.slug,
    // Live Portkey reads the name back prefixed with the icon (fact sheet §1.7 #9).
    name: ws.icon ? `${ws.icon} ${ws.name}` : ws.name,
    description: ws.description,
    icon: ws.icon,
    is_default: 0,
    status: ws.status,
    defaults: ws.defaults,
    usage_limits: ws.usage_limits,
    rate_limits: ws.rate_limits,
    users: [],
    settings: {},
    security_settings: {},
    organisation_id: store.state.organisation_id,
    created_by: null,
    creation_source: "api",
    last_reset_at: null,
    created_at: ws.created_at,
    last_updated_at: ws.last_updated_at,
    object: "workspace",
  };
}

/** Secret configuration fields come back renamed with a `masked_` prefix (fact sheet §1.7 #12). */
export function maskConfigurations(configurations: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [field, value] of Object.entries(configurations)) {
    if (field === "vertex_service_account_json") out.masked_vertex_service_account_json = maskServiceAccount(value);
    else if (isSecretField(field) || /(secret|password|token|_key)$/i.test(field)) out[`masked_${field}`] = typeof value === "string" ? maskSecret(value) : "*****";
    else out[field] = value;
  }
  return out;
}

/** Only the identifying, non-secret fields of a service-account key file. */
function maskServiceAccount(value: Json): Json {
  if (!isJsonObject(value)) return "*****";
  const keep: JsonObject = {};
  for (const field of ["type", "project_id", "client_email"]) if (typeof value[field] === "string") keep[field] = value[field];
  return keep;
}

export function integrationView(integration: IntegrationRecord, store: Store): JsonObject {
  return {
    id: integration.id,
    slug: integration.slug,
    name: integration.name,
    ai_provider_id: integration.ai_provider_id,
    description: integration.description,
    status: integration.status,
    type: integration.workspace_id ? "workspace" : "organisation",
    workspace_id: integration.workspace_id,
    organisation_id: store.state.organisation_id,
    masked_key: integration.key ? maskSecret(integration.key) : null,
    configurations: maskConfigurations(integration.configurations),
    global_workspace_access_settings: integration.global_workspace_access_settings,
    allow_all_models: integration.allow_all_models,
    workspace_count: integration.access.filter((entry) => entry.enabled).length,
    secret_mappings: integration.secret_mappings,
    pricing_adjustments: integration.pricing_adjustments,
    created_at: integration.created_at,
    last_updated_at: integration.last_updated_at,
    object: "integration",
  };
}

export function providerView(provider: ProviderRecord, store: Store): JsonObject {
  const budget = budgetView(store, providerLimits(provider), provider.status);
  return {
    id: provider.id,
    slug: provider.slug,
    name: provider.name,
    note: provider.note,
    status: budget.status,
    integration_id: provider.integration_id,
    workspace_id: provider.workspace_id,
    ai_provider_name: provider.ai_provider_name,
    model_config: provider.model_config,
    usage_limits: provider.usage_limits,
    rate_limits: provider.rate_limits,
    reset_usage: null,
    expires_at: provider.expires_at,
    last_reset_at: budget.last_reset_at,
    created_at: provider.created_at,
    last_updated_at: provider.last_updated_at,
    object: "provider",
  };
}

export function virtualKeyView(provider: ProviderRecord, store: Store): JsonObject {
  const workspace = store.state.workspaces.find((ws) => ws.id === provider.workspace_id);
  const budget = budgetView(store, providerLimits(provider), provider.status);
  return {
    id: provider.id,
    slug: provider.slug,
    name: provider.name,
    note: provider.note,
    status: budget.status,
    ai_provider_name: provider.ai_provider_name,
    provider: provider.ai_provider_name,
    model_config: provider.model_config,
    key: "",
    masked_api_key: provider.key ? maskSecret(provider.key) : null,
    usage_limits: provider.usage_limits,
    rate_limits: provider.rate_limits ?? [],
    expires_at: provider.expires_at,
    integration_id: provider.integration_id,
    tags: null,
    organisation_id: store.state.organisation_id,
    workspace_id: provider.workspace_id,
    workspace_name: workspace?.name ?? null,
    last_reset_at: budget.last_reset_at,
    created_at: provider.created_at,
    object: "virtual-key",
  };
}

export function configView(config: ConfigRecord, store: Store, withConfig: boolean): JsonObject {
  const view: JsonObject = {
    id: config.id,
    slug: config.slug,
    name: config.name,
    workspace_id: config.workspace_id,
    organisation_id: store.state.organisation_id,
    is_default: config.is_default,
    status: config.status,
    owner_id: null,
    updated_by: null,
    format: "json",
    type: "ORG_CONFIG",
    version_id: config.version_id,
    created_at: config.created_at,
    last_updated_at: config.last_updated_at,
    object: "config",
  };
  // `config` is a JSON-encoded string on read (fact sheet §1.7 #7).
  if (withConfig) view.config = JSON.stringify(config.config);
  return view;
}

export function apiKeyView(key: ApiKeyRecord, store: Store): JsonObject {
  const override = key.defaults.allow_config_override;
  const budget = budgetView(store, apiKeyLimits(key), key.status);
  return {
    id: key.id,
    key: maskSecret(key.secret),
    name: key.name,
    description: key.description,
    type: `${key.type}-${key.sub_type}`,
    organisation_id: store.state.organisation_id,
    workspace_id: key.workspace_id,
    user_id: key.user_id,
    status: budget.status,
    creation_mode: "api",
    scopes: key.scopes,
    rate_limits: key.rate_limits,
    usage_limits: key.usage_limits,
    reset_usage: 0,
    expires_at: key.expires_at,
    expiry_enforced: false,
    last_reset_at: budget.last_reset_at,
    next_usage_reset_at: budget.next_usage_reset_at,
    alert_emails: key.alert_emails,
    allow_config_override: override === undefined ? null : override ? 1 : 0,
    api_key_defaults_id: null,
    defaults: key.defaults,
    rotation_policy: key.rotation_policy,
    key_transition_expires_at: key.previous_expires_at,
    created_at: key.created_at,
    last_updated_at: key.last_updated_at,
    object: "api-key",
  };
}

export function policyView(policy: PolicyRecord, store: Store): JsonObject {
  return {
    id: policy.id,
    name: policy.name,
    ...policy.fields,
    status: policy.status,
    workspace_id: policy.workspace_id,
    organisation_id: store.state.organisation_id,
    created_at: policy.created_at,
    last_updated_at: policy.last_updated_at,
    object: policy.kind === "usage-limits" ? "policy_usage_limits" : "policy_rate_limits",
  };
}
