/**
 * portkeyadmin_usage_limits_policy: a budget applied to every request matching `conditions`,
 * counted per `group_by` value (fact sheet §7.2), e.g. a monthly cost budget per developer:
 * condition `workspace_id` = the team's workspace, group_by `metadata._user`.
 * Import id: the policy id (UUID). Destroy archives the policy (Portkey's delete is soft).
 */
import type { PortkeyClient, UsageLimitsPolicy } from "../../portkey";
import { attr, defineResource, isUnknown, type Model } from "../framework";
import { deleteUnlessGone, readUnlessGone } from "./gone";
import { policyCheck } from "./gone-checks";
import { oneOf } from "./limits";
import { isArchived, policyScopeAttributes, policyScopeFromWire, policyScopeToWire } from "./policy-fields";
import { policyLeftover } from "./leftover-lookups";

const attributes = {
  ...policyScopeAttributes(),
  type: attr
    .string()
    .required()
    .requiresReplace()
    .describe('"cost" (USD) or "tokens". The API cannot change it: changing it re-creates the policy.')
    .validate(oneOf(["cost", "tokens"], 'must be "cost" or "tokens"')),
  credit_limit: attr
    .number()
    .required()
    .describe("The budget per group, in USD for cost or a token count.")
    .validate((n) => (n < 0 ? "credit_limit must be at least 0" : undefined)),
  alert_threshold: attr
    .number()
    .optional()
    .describe("Alert when a group's usage reaches this value (same unit as credit_limit, below it).")
    .validate((n) => (n < 0 ? "alert_threshold must be at least 0" : undefined)),
  periodic_reset: attr
    .string()
    .optional()
    .describe('"monthly" (1st, 00:00 UTC) or "weekly" (Sunday 00:00 UTC); unset means the budget never resets.')
    .validate(oneOf(["monthly", "weekly"], 'must be "monthly" or "weekly" (or remove it for a budget that never resets)')),
};

type UsageLimitsPolicyModel = Model<typeof attributes>;

function toModel(wire: UsageLimitsPolicy, prior: Partial<UsageLimitsPolicyModel>): Partial<UsageLimitsPolicyModel> {
  return {
    ...policyScopeFromWire(wire, prior),
    type: wire.type ?? prior.type,
    credit_limit: wire.credit_limit ?? prior.credit_limit,
    alert_threshold: wire.alert_threshold ?? null,
    periodic_reset: wire.periodic_reset ?? null,
  };
}

export const usageLimitsPolicyResource = defineResource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_usage_limits_policy",
  schema: {
    description:
      "A Portkey usage-limits policy: a cost or token budget for every request matching `conditions`, counted separately per `group_by` value (e.g. per developer with `metadata._user`). Destroy archives it.",
    attributes,
  },

  validate(config, ctx) {
    const { credit_limit: limit, alert_threshold: threshold } = config;
    if (typeof limit === "number" && typeof threshold === "number" && !isUnknown(threshold) && threshold >= limit) {
      ctx.diagnostics.error("Invalid value for alert_threshold", `alert_threshold (${threshold}) must be below credit_limit (${limit})`, ["alert_threshold"]);
    }
  },

  findLeftover: (planned, ctx) => policyLeftover("usageLimitsPolicies", planned, ctx),

  async create(planned, ctx) {
    const created = await ctx.client.usageLimitsPolicies.create(
      {
        ...policyScopeToWire(planned),
        type: planned.type as "cost" | "tokens",
        credit_limit: planned.credit_limit,
        ...(planned.alert_threshold === null ? {} : { alert_threshold: planned.alert_threshold }),
        ...(planned.periodic_reset === null ? {} : { periodic_reset: planned.periodic_reset as "monthly" | "weekly" }),
      },
      { signal: ctx.signal },
    );
    return toModel(created, planned);
  },

  async read(state, ctx) {
    const policy = await readUnlessGone(
      () => ctx.client.usageLimitsPolicies.get(String(state.id), { signal: ctx.signal }),
      policyCheck(ctx.client, "usage-limits", String(state.id), state.workspace_id, "read", ctx.signal),
    );
    return policy === undefined || isArchived(policy) ? null : toModel(policy, state);
  },

  async update({ planned, prior }, ctx) {
    const updated = await ctx.client.usageLimitsPolicies.update(
      String(prior.id),
      {
        ...(planned.name === null ? {} : { name: planned.name }),
        credit_limit: planned.credit_limit,
        alert_threshold: planned.alert_threshold,
        periodic_reset: planned.periodic_reset as "monthly" | "weekly" | null,
      },
      { signal: ctx.signal },
    );
    return toModel(updated, planned);
  },

  async delete(state, ctx) {
    await deleteUnlessGone(
      () => ctx.client.usageLimitsPolicies.delete(String(state.id), { signal: ctx.signal }),
      policyCheck(ctx.client, "usage-limits", String(state.id), state.workspace_id, "delete", ctx.signal),
    );
  },

  async import(id) {
    return { id };
  },
});
