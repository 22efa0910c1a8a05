/**
 * Per-entity usage of usage-limits policies (fact sheet §7.2 `GET …/{id}/entities`): one counter
 * per distinct value key (limits/policy-match.ts), kept on the policy record (`fields.entities`)
 * so it persists with the state file. Served gateway requests feed it, in the policy's unit:
 * tokens (input + output of the response) or USD (limits/prices.ts). A policy with
 * `periodic_reset` rolls each counter over lazily, weekly on Monday 00:00 UTC (fact sheet §12:
 * Monday for policies), monthly on the 1st; an entity at or over `credit_limit` is "exhausted".
 */
import { z } from "zod";
import { notFound } from "../errors";
import { uuid } from "../ids";
import type { Spend } from "../limits/budgets";
import { crossedBoundary, MONDAY, nextReset, type ResetRule, resetRuleOf } from "../limits/periods";
import { matchingPolicies, type RequestFacts } from "../limits/policy-match";
import type { PolicyRecord } from "./records";
import type { Store } from "./store";

const entity = z.object({
  id: z.string(),
  /** `metadata._user:ada`; several group_by keys are joined with ",". */
  value_key: z.string(),
  current_usage: z.number(),
  created_at: z.string(),
  last_reset_at: z.string().nullable(),
});
export type PolicyEntity = z.infer<typeof entity>;

export const policyResetRule = (policy: PolicyRecord): ResetRule => resetRuleOf(policy.fields, MONDAY);

/** The policy's counters, each rolled over to the current period. */
export function entitiesOf(store: Store, policy: PolicyRecord): PolicyEntity[] {
  const parsed = z.array(entity).safeParse(policy.fields.entities ?? []);
  const entities = parsed.success ? parsed.data : [];
  const rule = policyResetRule(policy);
  let rolled = false;
  for (const item of entities) {
    const boundary = crossedBoundary(rule, new Date(item.created_at), new Date(item.last_reset_at ?? item.created_at), store.clock());
    if (!boundary) continue;
    item.current_usage = 0;
    item.last_reset_at = boundary.toISOString();
    rolled = true;
  }
  if (rolled) save(policy, entities);
  return entities;
}

function save(policy: PolicyRecord, entities: readonly PolicyEntity[]): void {
  policy.fields = { ...policy.fields, entities: entities.map((e) => ({ ...e })) };
}

/** "exhausted" once the counter reaches the policy's credit_limit. */
export function entityStatus(policy: PolicyRecord, item: PolicyEntity): "active" | "exhausted" {
  const limit = Number(policy.fields.credit_limit);
  return Number.isFinite(limit) && item.current_usage >= limit ? "exhausted" : "active";
}

/** When the policy's counters next start over (null: cumulative). */
export function policyNextReset(store: Store, policy: PolicyRecord): string | null {
  return nextReset(policyResetRule(policy), new Date(policy.created_at), store.clock())?.toISOString() ?? null;
}

/** The first matching policy whose entity for this request is used up. */
export function exhaustedPolicy(store: Store, facts: RequestFacts): { policy: PolicyRecord; valueKey: string } | undefined {
  return matchingPolicies(store, "usage-limits", facts).find(({ policy, valueKey }) => {
    const found = entitiesOf(store, policy).find((item) => item.value_key === valueKey);
    return found !== undefined && entityStatus(policy, found) === "exhausted";
  });
}

/** Count one served request toward every active usage-limits policy it matches. */
export function recordPolicyUsage(store: Store, facts: RequestFacts, spend: Spend): void {
  for (const { policy, valueKey } of matchingPolicies(store, "usage-limits", facts)) {
    const amount = policy.fields.type === "tokens" ? spend.tokens : spend.costUsd;
    const entities = entitiesOf(store, policy);
    const existing = entities.find((item) => item.value_key === valueKey);
    if (existing) existing.current_usage += amount;
    else entities.push({ id: uuid(), value_key: valueKey, current_usage: amount, created_at: store.nowIso(), last_reset_at: null });
    save(policy, entities);
  }
}

/** Zero one entity's counter (`PUT …/entities/{entityId}/reset`, or `reset_usage_for_value`). */
export function resetPolicyEntity(store: Store, policy: PolicyRecord, ref: { id?: string; valueKey?: string }): PolicyEntity {
  const entities = entitiesOf(store, policy);
  const found = entities.find((item) => (ref.id !== undefined && item.id === ref.id) || (ref.valueKey !== undefined && item.value_key === ref.valueKey));
  if (!found) throw notFound(`Entity ${JSON.stringify(ref.id ?? ref.valueKey)} not found in policy ${JSON.stringify(policy.id)}.`);
  found.current_usage = 0;
  found.last_reset_at = store.nowIso();
  save(policy, entities);
  return found;
}
