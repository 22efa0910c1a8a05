/**
 * Integration → workspace access, and the providers it implies. Granting access auto-creates a
 * provider whose slug is the integration slug (live data: note "Created automatically on
 * integration access grant", fact sheet §3.5); disabling access disables every provider built
 * from the integration in that workspace, re-enabling turns them back on.
 */
import { conflict } from "../errors";
import type { Json, JsonObject } from "../json";
import { nameSlug, now, uuid } from "../ids";
import type { IntegrationRecord, ProviderRecord, WorkspaceRecord } from "./records";
import type { Store } from "./store";

export const AUTO_PROVIDER_NOTE = "Created automatically on integration access grant";
/** Status of a provider whose integration access was revoked (an emulator choice; see report). */
export const DISABLED = "disabled";

export interface NewProvider {
  readonly kind: ProviderRecord["kind"];
  readonly name: string;
  readonly slug?: string;
  readonly note?: string | null;
  readonly integration?: IntegrationRecord;
  readonly aiProviderName: string;
  readonly modelConfig?: JsonObject;
  readonly key?: string | null;
  readonly usageLimits?: Json;
  readonly rateLimits?: Json[] | null;
  readonly expiresAt?: string | null;
  readonly autoCreated?: boolean;
}

/** Insert a provider; a slug already used in the workspace is 409 AB07. */
export function insertProvider(store: Store, workspace: WorkspaceRecord, input: NewProvider): ProviderRecord {
  const slug = input.slug ?? nameSlug(input.name);
  if (store.findProvider(slug, workspace.id)?.slug === slug) {
    throw conflict(`A provider with slug ${JSON.stringify(slug)} already exists in workspace ${workspace.slug}.`);
  }
  const at = now();
  const record: ProviderRecord = {
    kind: input.kind,
    id: uuid(),
    slug,
    name: input.name,
    note: input.note ?? null,
    status: "active",
    integration_id: input.integration?.slug ?? null,
    workspace_id: workspace.id,
    ai_provider_name: input.aiProviderName,
    model_config: input.modelConfig ?? {},
    key: input.key ?? null,
    usage_limits: input.usageLimits ?? null,
    rate_limits: input.rateLimits ?? null,
    expires_at: input.expiresAt ?? null,
    auto_created: input.autoCreated ?? false,
    created_at: at,
    last_updated_at: at,
  };
  store.state.providers.push(record);
  return record;
}

export interface AccessChange {
  readonly enabled: boolean;
  readonly usageLimits?: Json[] | null;
  readonly rateLimits?: Json[] | null;
  readonly createDefaultProvider: boolean;
  readonly defaultProviderSlug?: string;
}

/** The provider Portkey creates when an integration is granted to a workspace (fact sheet §3.5). */
export function insertAutoProvider(store: Store, workspace: WorkspaceRecord, integration: IntegrationRecord, slug: string): ProviderRecord {
  return insertProvider(store, workspace, {
    kind: "provider",
    name: integration.name,
    slug,
    note: AUTO_PROVIDER_NOTE,
    integration,
    aiProviderName: integration.ai_provider_id,
    autoCreated: true,
  });
}

export function isAccessEnabled(integration: IntegrationRecord, workspaceId: string): boolean {
  if (integration.workspace_id !== null) return integration.workspace_id === workspaceId;
  return integration.access.some((entry) => entry.workspace_id === workspaceId && entry.enabled);
}

export function setAccess(store: Store, integration: IntegrationRecord, workspace: WorkspaceRecord, change: AccessChange): void {
  let entry = integration.access.find((item) => item.workspace_id === workspace.id);
  const wasEnabled = entry?.enabled === true;
  const ownProviders = store.providersIn(workspace.id).filter((item) => item.integration_id === integration.slug);
  const needsDefault = change.enabled && !wasEnabled && change.createDefaultProvider && !ownProviders.some((item) => item.auto_created);
  const defaultSlug = change.defaultProviderSlug ?? integration.slug;
  // Check before changing anything, so a refused grant leaves no half-made state.
  if (needsDefault && store.findProvider(defaultSlug, workspace.id)?.slug === defaultSlug) {
    throw conflict(`Cannot create the default provider: slug ${JSON.stringify(defaultSlug)} already exists in workspace ${workspace.slug}. Pass default_provider_slug or create_default_provider:false.`);
  }
  if (!entry) {
    entry = { workspace_id: workspace.id, enabled: change.enabled, usage_limits: null, rate_limits: null };
    integration.access.push(entry);
  }
  entry.enabled = change.enabled;
  if (change.usageLimits !== undefined) entry.usage_limits = change.usageLimits;
  if (change.rateLimits !== undefined) entry.rate_limits = change.rateLimits;
  integration.last_updated_at = now();

  for (const provider of ownProviders) {
    if (!change.enabled && provider.status === "active") provider.status = DISABLED;
    if (change.enabled && provider.status === DISABLED) provider.status = "active";
  }
  if (needsDefault) {
    insertAutoProvider(store, workspace, integration, defaultSlug);
  }
}

/** Integrations with global access apply to workspaces created later too (fact sheet §3.5). */
export function applyGlobalAccess(store: Store, workspace: WorkspaceRecord): void {
  for (const integration of store.state.integrations) {
    if (integration.workspace_id !== null || integration.global_workspace_access_settings?.enabled !== true) continue;
    setAccess(store, integration, workspace, { enabled: true, createDefaultProvider: true });
  }
}
