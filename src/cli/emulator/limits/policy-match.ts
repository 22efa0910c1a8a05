/**
 * Which policies (usage-limits and rate-limits) a gateway request falls under, and under which
 * value key. A request matches when every condition's key has a value on the request equal to
 * the condition's (`*` = any value; a workspace may be named by slug). The value key joins the
 * request's value of each `group_by` key: `metadata._user:ada`, several keys joined with ",".
 * A request that lacks a condition or group_by key skips the policy entirely, even for `*`
 * (fact sheet §12): a per-developer budget does not count requests without `_user`.
 */
import type { PolicyRecord } from "../state/records";
import type { Store } from "../state/store";

/** What the gateway knows about a request when it checks and counts policies. */
export interface RequestFacts {
  readonly workspaceId: string | null;
  readonly apiKeyId: string | null;
  readonly metadata: Readonly<Record<string, string>>;
}

function requestValue(store: Store, key: string, facts: RequestFacts): string | undefined {
  if (key === "workspace_id") return facts.workspaceId ?? undefined;
  if (key === "api_key") return facts.apiKeyId ?? undefined;
  if (key === "organisation_id") return store.state.organisation_id;
  if (key.startsWith("metadata.")) return facts.metadata[key.slice("metadata.".length)];
  return undefined;
}

function sameValue(store: Store, key: string, wanted: string, actual: string): boolean {
  if (wanted === "*" || wanted === actual) return true;
  return key === "workspace_id" && store.findWorkspace(wanted)?.id === actual;
}

const pairs = (value: unknown, withValue: boolean): { key: string; value: string }[] =>
  Array.isArray(value)
    ? value.flatMap((item) => (item && typeof item === "object" && "key" in item && (!withValue || "value" in item) ? [{ key: String(item.key), value: String((item as { value?: unknown }).value ?? "") }] : []))
    : [];

/** The request's value key under `policy`, or undefined when the policy does not apply. */
export function policyValueKey(store: Store, policy: PolicyRecord, facts: RequestFacts): string | undefined {
  if (policy.status !== "active") return undefined;
  const matches = pairs(policy.fields.conditions, true).every(({ key, value }) => {
    const actual = requestValue(store, key, facts);
    return actual !== undefined && sameValue(store, key, value, actual);
  });
  if (!matches) return undefined;
  const groups = pairs(policy.fields.group_by, false).map(({ key }) => [key, requestValue(store, key, facts)] as const);
  if (groups.length === 0 || groups.some(([, value]) => value === undefined)) return undefined;
  return groups.map(([key, value]) => `${key}:${value}`).join(",");
}

/** Every active policy of `kind` the request falls under, with its value key. */
export function matchingPolicies(store: Store, kind: PolicyRecord["kind"], facts: RequestFacts): { policy: PolicyRecord; valueKey: string }[] {
  return store.state.policies.flatMap((policy) => {
    if (policy.kind !== kind) return [];
    const valueKey = policyValueKey(store, policy, facts);
    return valueKey === undefined ? [] : [{ policy, valueKey }];
  });
}
