/**
 * portkeyadmin_rate_limits_policy: a request or token rate cap for every request matching
 * `conditions`, counted per `group_by` value (fact sheet §7.3), e.g. tokens per minute per API
 * key: group_by `api_key`.
 * Import id: the policy id (UUID). Destroy archives the policy (Portkey's delete is soft).
 */
import type { PortkeyClient, RateLimitsPolicy } from "../../portkey";
import { attr, defineResource, type Model } from "../framework";
import { deleteUnlessGone, readUnlessGone } from "./gone";
import { policyCheck } from "./gone-checks";
import { oneOf } from "./limits";
import { isArchived, policyScopeAttributes, policyScopeFromWire, policyScopeToWire } from "./policy-fields";
import { policyLeftover } from "./leftover-lookups";

const UNITS = ["rpm", "rph", "rpd"] as const;
type Unit = (typeof UNITS)[number];

const attributes = {
  ...policyScopeAttributes(),
  type: attr
    .string()
    .required()
    .requiresReplace()
    .describe('"requests" or "tokens". The API cannot change it: changing it re-creates the policy.')
    .validate(oneOf(["requests", "tokens"], 'must be "requests" or "tokens" (a cost budget is a portkeyadmin_usage_limits_policy)')),
  unit: attr
    .string()
    .required()
    .describe('"rpm", "rph" or "rpd": per minute, hour or day.')
    .validate(oneOf(UNITS, 'must be "rpm", "rph" or "rpd" (per minute, hour, day)')),
  value: attr
    .number()
    .required()
    .describe("Requests or tokens allowed per unit and group; 0 blocks traffic.")
    .validate((n) => (n < 0 || !Number.isInteger(n) ? "value must be a whole number ≥ 0" : undefined)),
};

type RateLimitsPolicyModel = Model<typeof attributes>;

function toModel(wire: RateLimitsPolicy, prior: Partial<RateLimitsPolicyModel>): Partial<RateLimitsPolicyModel> {
  return {
    ...policyScopeFromWire(wire, prior),
    type: wire.type ?? prior.type,
    unit: wire.unit ?? prior.unit,
    value: wire.value ?? prior.value,
  };
}

export const rateLimitsPolicyResource = defineResource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_rate_limits_policy",
  schema: {
    description:
      "A Portkey rate-limits policy: a requests or tokens per minute/hour/day cap for every request matching `conditions`, counted separately per `group_by` value (e.g. per API key). Destroy archives it.",
    attributes,
  },

  findLeftover: (planned, ctx) => policyLeftover("rateLimitsPolicies", planned, ctx),

  async create(planned, ctx) {
    const created = await ctx.client.rateLimitsPolicies.create(
      { ...policyScopeToWire(planned), type: planned.type as "requests" | "tokens", unit: planned.unit as Unit, value: planned.value },
      { signal: ctx.signal },
    );
    return toModel(created, planned);
  },

  async read(state, ctx) {
    const policy = await readUnlessGone(
      () => ctx.client.rateLimitsPolicies.get(String(state.id), { signal: ctx.signal }),
      policyCheck(ctx.client, "rate-limits", String(state.id), state.workspace_id, "read", ctx.signal),
    );
    return policy === undefined || isArchived(policy) ? null : toModel(policy, state);
  },

  async update({ planned, prior }, ctx) {
    const updated = await ctx.client.rateLimitsPolicies.update(
      String(prior.id),
      { ...(planned.name === null ? {} : { name: planned.name }), unit: planned.unit as Unit, value: planned.value },
      { signal: ctx.signal },
    );
    return toModel(updated, planned);
  },

  async delete(state, ctx) {
    await deleteUnlessGone(
      () => ctx.client.rateLimitsPolicies.delete(String(state.id), { signal: ctx.signal }),
      policyCheck(ctx.client, "rate-limits", String(state.id), state.workspace_id, "delete", ctx.signal),
    );
  },

  async import(id) {
    return { id };
  },
});
