/**
 * Per-entity usage of usage-limits policies (fact sheet §7.2 `GET …/{id}/entities`): one counter
 * per distinct `group_by` value, kept on the policy record (`fields.entities`) so it persists
 * with the state file. Gateway requests feed it: a request counts toward every active policy
 * whose conditions it matches. Emulator simplification: usage is the request's input tokens
 * (tokens policies) or those tokens at a nominal $3 per million (cost policies).
 */
import { z } from "zod";
import { notFound } from "../errors";
import { now, uuid } from "../ids";
import type { PolicyRecord } from "./records";
import type { Store } from "./store";

const USD_PER_TOKEN = 3 / 1_000_000;

const entity = z.object({
  id: z.string(),
  /** `metadata._user:ada`; several group_by keys are joined with ",". */
  value_key: z.string(),
  current_usage: z.number(),
  created_at: z.string(),
  last_reset_at: z.string().nullable(),
});
export type PolicyEntity = z.infer<typeof entity>;

/** What the gateway knows about one successful request. */
export interface UsageEvent {
  readonly workspaceId: string | null;
  readonly apiKeyId: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly tokens: number;
}

export function entitiesOf(policy: PolicyRecord): PolicyEntity[] {
  const parsed = z.array(entity).safeParse(policy.fields.entities ?? []);
  return parsed.success ? parsed.data : [];
}

function save(policy: PolicyRecord, entities: readonly PolicyEntity[]): void {
  policy.fields = { ...policy.fields, entities: entities.map((e) => ({ ...e })) };
}

/** "exhausted" once the counter reaches the policy's credit_limit. */
export function entityStatus(policy: PolicyRecord, item: PolicyEntity): "active" | "exhausted" {
  const limit = Number(policy.fields.credit_limit);
  return Number.isFinite(limit) && item.current_usage >= limit ? "exhausted" : "active";
}

/** The request's value for a policy key, or undefined when it has none. */
function requestValue(store: Store, key: string, event: UsageEvent): string | undefined {
  if (key === "workspace_id") return event.workspaceId ?? undefined;
  if (key === "api_key") return event.apiKeyId ?? undefined;
  if (key === "organisation_id") return store.state.organisation_id;
  if (key.startsWith("metadata.")) return event.metadata[key.slice("metadata.".length)];
  return undefined;
}

/** A condition on workspace_id may name the workspace by slug. */
function sameValue(store: Store, key: string, wanted: string, actual: string): boolean {
  if (wanted === "*" || wanted === actual) return true;
  return key === "workspace_id" && store.findWorkspace(wanted)?.id === actual;
}

const pairs = (value: unknown, withValue: boolean): { key: string; value: string }[] =>
  Array.isArray(value)
    ? value.flatMap((item) => (item && typeof item === "object" && "key" in item && (!withValue || "value" in item) ? [{ key: String(item.key), value: String((item as { value?: unknown }).value ?? "") }] : []))
    : [];

/** Count one request toward every active usage-limits policy it matches. */
export function recordPolicyUsage(store: Store, event: UsageEvent): void {
  for (const policy of store.state.policies) {
    if (policy.kind !== "usage-limits" || policy.status !== "active") continue;
    const matches = pairs(policy.fields.conditions, true).every(({ key, value }) => {
      const actual = requestValue(store, key, event);
      return actual !== undefined && sameValue(store, key, value, actual);
    });
    if (!matches) continue;
    const groups = pairs(policy.fields.group_by, false).map(({ key }) => [key, requestValue(store, key, event)] as const);
    if (groups.length === 0 || groups.some(([, value]) => value === undefined)) continue;
    const valueKey = groups.map(([key, value]) => `${key}:${value}`).join(",");
    const amount = policy.fields.type === "tokens" ? event.tokens : event.tokens * USD_PER_TOKEN;
    const entities = entitiesOf(policy);
    const existing = entities.find((item) => item.value_key === valueKey);
    if (existing) existing.current_usage += amount;
    else entities.push({ id: uuid(), value_key: valueKey, current_usage: amount, created_at: now(), last_reset_at: null });
    save(policy, entities);
  }
}

/** Zero one entity's counter (`PUT …/entities/{entityId}/reset`, or `reset_usage_for_value`). */
export function resetPolicyEntity(policy: PolicyRecord, ref: { id?: string; valueKey?: string }): PolicyEntity {
  const entities = entitiesOf(policy);
  const found = entities.find((item) => (ref.id !== undefined && item.id === ref.id) || (ref.valueKey !== undefined && item.value_key === ref.valueKey));
  if (!found) throw notFound(`Entity ${JSON.stringify(ref.id ?? ref.valueKey)} not found in policy ${JSON.stringify(policy.id)}.`);
  found.current_usage = 0;
  found.last_reset_at = now();
  save(policy, entities);
  return found;
}
