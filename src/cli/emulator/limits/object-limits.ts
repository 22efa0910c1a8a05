/**
 * The limits each stored object carries, read once here for the gateway and the views alike.
 * An integration's workspace access uses its own limits, else (when the integration is granted
 * globally) the global access settings' limits: an emulator reading of fact sheet §3.5, where
 * global access "also applies to future workspaces".
 */
import type { Json } from "../json";
import type { ApiKeyRecord, IntegrationRecord, ProviderRecord, WorkspaceRecord } from "../state/records";
import { type BudgetLimit, budgetLimits, owners } from "./budgets";
import { SUNDAY } from "./periods";
import { type RateLimit, rateLimits } from "./rates";

export interface ObjectLimits {
  /** The budget counters' owner (budgets.ts `owners`). */
  readonly owner: string;
  readonly budgets: BudgetLimit[];
  readonly rates: RateLimit[];
}

const limitsOf = (owner: string, usage: Json | undefined, rates: Json | undefined): ObjectLimits => ({
  owner,
  budgets: budgetLimits(usage, SUNDAY),
  rates: rateLimits(rates),
});

export const apiKeyLimits = (key: ApiKeyRecord): ObjectLimits => limitsOf(owners.apiKey(key.id), key.usage_limits, key.rate_limits);
export const workspaceLimits = (ws: WorkspaceRecord): ObjectLimits => limitsOf(owners.workspace(ws.id), ws.usage_limits, ws.rate_limits);
export const providerLimits = (provider: ProviderRecord): ObjectLimits => limitsOf(owners.provider(provider.id), provider.usage_limits, provider.rate_limits);

const nonEmpty = (value: Json[] | null | undefined): Json[] | undefined => (value && value.length > 0 ? value : undefined);

export function accessLimits(integration: IntegrationRecord, workspaceId: string): ObjectLimits {
  const entry = integration.access.find((item) => item.workspace_id === workspaceId);
  const global = integration.global_workspace_access_settings;
  const inherited = global?.enabled === true ? global : undefined;
  const usage = nonEmpty(entry?.usage_limits) ?? nonEmpty(inherited?.usage_limits as Json[] | undefined);
  const rates = nonEmpty(entry?.rate_limits) ?? nonEmpty(inherited?.rate_limits as Json[] | undefined);
  return limitsOf(owners.access(integration.id, workspaceId), usage, rates);
}
