/**
 * `/v1/policies/usage-limits` and `/v1/policies/rate-limits` (fact sheet §7.2, §7.3).
 * DELETE archives (soft delete): the policy still reads back, with `status: "archived"`, and
 * drops out of the default list (which shows `status=active`). Usage-limits policies also list
 * their per-entity counters (`GET …/{id}/entities`) and reset one (`PUT …/entities/{entityId}/reset`
 * or `reset_usage_for_value`); the counters live in state/policy-entities.ts.
 */
import { z } from "zod";
import { invalid } from "../errors";
import { uuid } from "../ids";
import type { JsonObject } from "../json";
import { parse, type Route, route } from "../router";
import { entitiesOf, entityStatus, policyNextReset, resetPolicyEntity } from "../state/policy-entities";
import type { PolicyRecord } from "../state/records";
import type { Store } from "../state/store";
import { policyView } from "../state/views";
import { asJsonObject, listEnvelope } from "./shared";

const policyKey = z.string().regex(/^(api_key|organisation_id|workspace_id|metadata\.[\w.-]+)$/, "must be api_key, organisation_id, workspace_id or metadata.<field>");
const common = {
  name: z.string().max(255).optional(),
  conditions: z.array(z.object({ key: policyKey, value: z.string() })).min(1, "at least one condition is required"),
  group_by: z.array(z.object({ key: policyKey })).min(1, "at least one group_by key is required"),
  workspace_id: z.string().optional(),
  organisation_id: z.string().optional(),
};
const status = z.enum(["active", "archived"]).optional();

/**
 * The policy as the API shows it: the per-entity counters are read through `/entities`, or as
 * `value_key_usage_map` with `?include_usage=true`; a usage-limits policy shows when its
 * counters next reset.
 */
function view(policy: PolicyRecord, store: Store, includeUsage = false): JsonObject {
  const { entities: _counters, ...shown } = policyView(policy, store);
  if (policy.kind !== "usage-limits") return shown;
  const entities = entitiesOf(store, policy);
  const lastReset = entities.map((item) => item.last_reset_at).filter((at): at is string => at !== null).sort().at(-1) ?? null;
  const out: JsonObject = { ...shown, next_usage_reset_at: policyNextReset(store, policy), last_reset_at: lastReset };
  if (includeUsage) out.value_key_usage_map = Object.fromEntries(entities.map((item) => [item.value_key, item.current_usage]));
  return out;
}

const usageCreate = z
  .object({
    ...common,
    type: z.enum(["cost", "tokens"]),
    credit_limit: z.number().min(0),
    alert_threshold: z.number().nullable().optional(),
    periodic_reset: z.enum(["monthly", "weekly"]).nullable().optional(),
  })
  .refine((body) => body.alert_threshold == null || body.alert_threshold < body.credit_limit, { message: "must be below credit_limit", path: ["alert_threshold"] });
const usageUpdate = z.object({
  name: z.string().max(255).optional(),
  credit_limit: z.number().min(0).optional(),
  alert_threshold: z.number().nullable().optional(),
  periodic_reset: z.enum(["monthly", "weekly"]).nullable().optional(),
  reset_usage_for_value: z.string().optional(),
  status,
});
const rateCreate = z.object({ ...common, type: z.enum(["requests", "tokens"]), unit: z.enum(["rpm", "rph", "rpd"]), value: z.number().min(0) });
const rateUpdate = z.object({ name: z.string().max(255).optional(), unit: z.enum(["rpm", "rph", "rpd"]).optional(), value: z.number().min(0).optional(), status });

function policyRoutes(kind: PolicyRecord["kind"], createSchema: z.ZodType<Record<string, unknown>>, updateSchema: z.ZodType<Record<string, unknown>>): Route[] {
  const base = `/v1/policies/${kind}`;
  const extra: JsonObject = kind === "usage-limits" ? { periodic_reset_days: null, next_usage_reset_at: null, last_reset_at: null } : {};
  const resolveWorkspace = (store: Store, ref: unknown) => (typeof ref === "string" && ref ? store.workspace(ref).id : null);
  return [
    route("POST", base, ({ body, store }) => {
      const input = parse(createSchema, body);
      const { name, workspace_id, organisation_id, ...rest } = input;
      const at = store.nowIso();
      const policy: PolicyRecord = {
        kind,
        id: uuid(),
        name: typeof name === "string" ? name : null,
        workspace_id: resolveWorkspace(store, workspace_id),
        status: "active",
        fields: { alert_threshold: null, periodic_reset: null, ...extra, ...asJsonObject(rest) },
        created_at: at,
        last_updated_at: at,
      };
      store.state.policies.push(policy);
      return { id: policy.id, object: kind === "usage-limits" ? "policy_usage_limits" : "policy_rate_limits" };
    }),
    route("GET", base, ({ query, store }) => {
      const workspaceId = resolveWorkspace(store, query.get("workspace_id"));
      const wanted = (query.get("status") ?? "active").split(",");
      const type = query.get("type");
      const items = store.state.policies.filter(
        (item) => item.kind === kind && wanted.includes(item.status) && (!workspaceId || item.workspace_id === workspaceId) && (!type || item.fields.type === type),
      );
      return listEnvelope(
        items.map((item) => view(item, store)),
        query,
      );
    }),
    route("GET", `${base}/:id`, ({ params, query, store }) => view(store.policy(kind, params.id), store, query.get("include_usage") === "true")),
    route("PUT", `${base}/:id`, ({ params, body, store }) => {
      const policy = store.policy(kind, params.id);
      const { name, status: nextStatus, reset_usage_for_value: resetValue, ...rest } = parse(updateSchema, body);
      const limit = Number(rest.credit_limit ?? policy.fields.credit_limit);
      const threshold = rest.alert_threshold === undefined ? policy.fields.alert_threshold : rest.alert_threshold;
      if (kind === "usage-limits" && typeof threshold === "number" && threshold >= limit) throw invalid("alert_threshold: must be below credit_limit");
      if (typeof resetValue === "string") resetPolicyEntity(store, policy, { valueKey: resetValue });
      if (typeof name === "string") policy.name = name;
      if (nextStatus === "active" || nextStatus === "archived") policy.status = nextStatus;
      policy.fields = { ...policy.fields, ...asJsonObject(rest) };
      policy.last_updated_at = store.nowIso();
      return {};
    }),
    route("DELETE", `${base}/:id`, ({ params, store }) => {
      const policy = store.policy(kind, params.id);
      policy.status = "archived";
      policy.last_updated_at = store.nowIso();
      return {};
    }),
  ];
}

/** `status` filters by the entity's state ("active", "exhausted"; comma-separated), `search` by value_key. */
const entityRoutes: Route[] = [
  route("GET", "/v1/policies/usage-limits/:id/entities", ({ params, query, store }) => {
    const policy = store.policy("usage-limits", params.id);
    const wanted = query.get("status")?.split(",");
    const search = query.get("search")?.toLowerCase();
    const items = entitiesOf(store, policy)
      .map((item) => ({ ...item, status: entityStatus(policy, item) }))
      .filter((item) => (!wanted || wanted.includes(item.status)) && (!search || item.value_key.toLowerCase().includes(search)));
    return listEnvelope(items, query);
  }),
  route("PUT", "/v1/policies/usage-limits/:id/entities/:entityId/reset", ({ params, store }) => {
    resetPolicyEntity(store, store.policy("usage-limits", params.id), { id: params.entityId });
    return {};
  }),
];

export const policyRoutesAll: Route[] = [
  ...entityRoutes,
  ...policyRoutes("usage-limits", usageCreate, usageUpdate),
  ...policyRoutes("rate-limits", rateCreate, rateUpdate),
];
