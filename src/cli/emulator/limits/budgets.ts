/**
 * Budgets (`usage_limits`) of workspaces, integration workspace access, providers and API keys:
 * one persisted counter per owner, limit type and reset rule (state.usage). A counter rolls
 * over lazily: whenever it is read after its period ended it starts again from zero, with
 * `last_reset_at` at the boundary it crossed. A budget is exhausted once its counter reaches
 * `credit_limit`; spend is counted after each response, so the request that crosses the limit
 * still passes and the next one is refused (as Portkey does, fact sheet §12).
 */
import type { Json } from "../json";
import type { UsageCounter } from "../state/records";
import type { Store } from "../state/store";
import { crossedBoundary, nextReset, type ResetRule, resetRuleOf, type WeekStart } from "./periods";

export interface BudgetLimit {
  readonly type: "cost" | "tokens";
  readonly creditLimit: number;
  readonly alertThreshold: number | null;
  readonly rule: ResetRule;
}

/** What one response used, in both units a budget can count. */
export interface Spend {
  readonly tokens: number;
  readonly costUsd: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `usage_limits` as stored (an object, an array of them, or null) → the limits that count. */
export function budgetLimits(value: Json | undefined, weekStartsOn: WeekStart): BudgetLimit[] {
  const items = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return items.flatMap((item) => {
    if (!isObject(item)) return [];
    const creditLimit = Number(item.credit_limit);
    if (!Number.isFinite(creditLimit)) return [];
    const threshold = Number(item.alert_threshold);
    return [
      {
        type: item.type === "tokens" ? ("tokens" as const) : ("cost" as const),
        creditLimit,
        alertThreshold: Number.isFinite(threshold) && item.alert_threshold !== null ? threshold : null,
        rule: resetRuleOf(item, weekStartsOn),
      },
    ];
  });
}

const ruleKey = (rule: ResetRule): string => (rule.kind === "days" ? `days:${rule.days}` : rule.kind);
const counterKey = (owner: string, limit: BudgetLimit): string => `${owner}|${limit.type}|${ruleKey(limit.rule)}`;

/** The owner's counter for `limit`, rolled over to the current period; created on demand. */
function counter(store: Store, owner: string, limit: BudgetLimit, create: boolean): UsageCounter | undefined {
  const key = counterKey(owner, limit);
  let found = store.state.usage.find((item) => item.key === key);
  if (!found) {
    if (!create) return undefined;
    found = { key, owner, usage: 0, created_at: store.nowIso(), last_reset_at: null };
    store.state.usage.push(found);
  }
  const since = new Date(found.last_reset_at ?? found.created_at);
  const boundary = crossedBoundary(limit.rule, new Date(found.created_at), since, store.clock());
  if (boundary) {
    found.usage = 0;
    found.last_reset_at = boundary.toISOString();
  }
  return found;
}

export interface BudgetStatus {
  readonly limit: BudgetLimit;
  readonly usage: number;
  readonly exhausted: boolean;
  readonly lastResetAt: string | null;
  readonly nextResetAt: string | null;
}

export function budgetStatus(store: Store, owner: string, limit: BudgetLimit): BudgetStatus {
  const found = counter(store, owner, limit, false);
  const usage = found?.usage ?? 0;
  const anchor = new Date(found?.created_at ?? store.clock());
  return {
    limit,
    usage,
    exhausted: usage >= limit.creditLimit,
    lastResetAt: found?.last_reset_at ?? null,
    nextResetAt: nextReset(limit.rule, anchor, store.clock())?.toISOString() ?? null,
  };
}

/** The first of `limits` that is used up, if any. */
export function exhaustedBudget(store: Store, owner: string, limits: readonly BudgetLimit[]): BudgetStatus | undefined {
  return limits.map((limit) => budgetStatus(store, owner, limit)).find((status) => status.exhausted);
}

export function addSpend(store: Store, owner: string, limits: readonly BudgetLimit[], spend: Spend): void {
  for (const limit of limits) {
    const found = counter(store, owner, limit, true);
    if (found) found.usage += limit.type === "tokens" ? spend.tokens : spend.costUsd;
  }
}

/** `reset_usage: true`: every counter of the owner starts again from zero now. */
export function resetBudgets(store: Store, owner: string): void {
  for (const item of store.state.usage) {
    if (item.owner !== owner) continue;
    item.usage = 0;
    item.last_reset_at = store.nowIso();
  }
}

/** "exhausted" while any budget of the owner is used up, else the stored status. */
export function statusWithBudget(store: Store, owner: string, stored: string, limits: readonly BudgetLimit[]): string {
  return stored === "active" && exhaustedBudget(store, owner, limits) ? "exhausted" : stored;
}

/** The owners' ids, one place so the gateway and the views agree. */
export const owners = {
  apiKey: (id: string) => `api-key:${id}`,
  workspace: (id: string) => `workspace:${id}`,
  access: (integrationId: string, workspaceId: string) => `access:${integrationId}:${workspaceId}`,
  provider: (id: string) => `provider:${id}`,
};
