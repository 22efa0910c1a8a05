/**
 * portkeyadmin_virtual_key: a LEGACY Portkey virtual key for Google Vertex AI (fact sheet §5),
 * for organisations that have not moved to integrations + providers. Portkey deprecated the
 * virtual-keys API but still serves it.
 * Import id: the virtual key's slug. The service-account key is write-only and cannot be
 * imported: leave `service_account_json_version` unset after import (or expect a replacement).
 */
import type { PortkeyClient, VirtualKey } from "../../portkey";
import { attr, defineResource, type Model } from "../framework";
import { deleteUnlessGone, readUnlessGone } from "./gone";
import { virtualKeyCheck } from "./gone-checks";
import { checkAlertThresholds, oneOf, usageLimitAttributes, usageLimitFromWire, usageLimitToWire } from "./limits";
import { checkServiceAccount, parseServiceAccount } from "./virtual-key-service-account";
import { virtualKeyLeftover } from "./leftover-lookups";

const RATE_UNITS = ["rpm", "rph", "rpd"] as const;

const attributes = {
  id: attr.string().computed().useStateForUnknown().describe("Virtual key id (UUID)."),
  slug: attr.string().computed().useStateForUnknown().describe("The virtual key (`x-portkey-virtual-key` header, or `virtual_key` in a config); the import id."),
  name: attr
    .string()
    .required()
    .describe("Name shown in the Portkey dashboard.")
    .validate((name) => (name.trim() === "" ? "name must not be empty" : undefined)),
  note: attr.string().optional().describe("Free text."),
  workspace_id: attr.string().required().requiresReplace().describe("Workspace id or slug; changing it re-creates the virtual key (new slug)."),
  vertex_region: attr
    .string()
    .required()
    .requiresReplace()
    .describe("Vertex AI region, e.g. `us-east5` or `global`. The API cannot change it: changing it re-creates the virtual key (new slug).")
    .validate((region) => (/^[a-z0-9-]+$/.test(region) ? undefined : `vertex_region must be a region name such as us-east5 or global; got "${region}"`)),
  vertex_project_id: attr
    .string()
    .required()
    .requiresReplace()
    .describe("GCP project id; changing it re-creates the virtual key (new slug).")
    .validate((id) => (/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(id) ? undefined : `vertex_project_id must be a GCP project id (6–30 lowercase letters, digits, hyphens); got "${id}"`)),
  service_account_json: attr
    .string()
    .required()
    .writeOnly()
    .sensitive()
    .describe(
      "The service-account key file (JSON text). Write-only: sent to Portkey, never stored in state or plan. Bump `service_account_json_version` to send a new key.",
    )
    .validate(checkServiceAccount),
  service_account_json_version: attr
    .number()
    .optional()
    .requiresReplace()
    .describe(
      "Change it to send `service_account_json` again (e.g. after rotating the GCP key). The virtual-keys API cannot update credentials in place, so this re-creates the virtual key (new slug).",
    ),
  usage_limits: attr.object(usageLimitAttributes).optional().describe("Budget of this virtual key.").validate(checkAlertThresholds),
  rate_limits: attr
    .object({
      type: attr.string().required().describe('"requests" or "tokens".').validate(oneOf(["requests", "tokens"], 'must be "requests" or "tokens"')),
      unit: attr.string().required().describe('"rpm", "rph" or "rpd".').validate(oneOf(RATE_UNITS, 'must be "rpm", "rph" or "rpd" (per minute, hour, day)')),
      value: attr.number().required().describe("Allowed per unit; 0 blocks traffic.").validate((n) => (n < 0 || !Number.isInteger(n) ? "value must be a whole number ≥ 0" : undefined)),
    })
    .optional()
    .requiresReplace()
    .describe("Rate limit of this virtual key. The API cannot update it: changing it re-creates the virtual key (new slug)."),
  status: attr.string().computed().describe('"active", "exhausted" or "expired".'),
  created_at: attr.string().computed().useStateForUnknown().describe("Creation time (RFC 3339)."),
};

type VirtualKeyModel = Model<typeof attributes>;

function toModel(wire: VirtualKey, prior: Partial<VirtualKeyModel>): Partial<VirtualKeyModel> {
  const config = wire.model_config;
  const rate = wire.rate_limits[0];
  return {
    id: wire.id ?? prior.id ?? null,
    slug: wire.slug,
    name: wire.name ?? prior.name,
    note: wire.note || (prior.note === "" ? "" : null),
    // Portkey reads back the UUID even when the slug was sent (§1.7 #2): keep the caller's form.
    workspace_id: prior.workspace_id ?? wire.workspace_id,
    vertex_region: typeof config.vertexRegion === "string" ? config.vertexRegion : prior.vertex_region,
    vertex_project_id: typeof config.vertexProjectId === "string" ? config.vertexProjectId : prior.vertex_project_id,
    usage_limits: wire.usage_limits ? usageLimitFromWire(wire.usage_limits) : null,
    rate_limits: rate ? { type: String(rate.type), unit: String(rate.unit), value: Number(rate.value) } : null,
    status: wire.status ?? null,
    created_at: wire.created_at ?? prior.created_at ?? null,
  };
}

export const virtualKeyResource = defineResource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_virtual_key",
  schema: {
    description:
      "LEGACY: a Portkey virtual key for Google Vertex AI. Portkey deprecated virtual keys in favour of integrations + providers (`portkeyadmin_integration` + `portkeyadmin_provider`); use this only for an organisation that has not migrated yet.",
    attributes,
  },

  findLeftover: (planned, ctx) => virtualKeyLeftover(planned, ctx),

  async create(planned, ctx) {
    const account = parseServiceAccount(planned.service_account_json);
    // Validation already rejected this; the message never contains the key.
    if (!account.ok) throw new Error(account.message);
    ctx.client.secrets.add(planned.service_account_json);
    const created = await ctx.client.virtualKeys.create(
      {
        name: planned.name,
        provider: "vertex-ai",
        ...(planned.note === null ? {} : { note: planned.note }),
        workspace_id: planned.workspace_id,
        vertexRegion: planned.vertex_region,
        vertexProjectId: planned.vertex_project_id,
        vertexServiceAccountJson: account.value,
        ...(planned.usage_limits === null ? {} : { usage_limits: usageLimitToWire(planned.usage_limits) }),
        ...(planned.rate_limits === null
          ? {}
          : {
              rate_limits: {
                type: planned.rate_limits.type as "requests" | "tokens",
                unit: planned.rate_limits.unit as (typeof RATE_UNITS)[number],
                value: planned.rate_limits.value,
              },
            }),
      },
      { signal: ctx.signal },
    );
    return toModel(created, planned);
  },

  async read(state, ctx) {
    const remote = await readUnlessGone(
      () => ctx.client.virtualKeys.get(String(state.slug), { signal: ctx.signal }),
      virtualKeyCheck(ctx.client, String(state.slug), state.workspace_id, "read", ctx.signal),
    );
    return remote === undefined ? null : toModel(remote, state);
  },

  async update({ planned, prior }, ctx) {
    const updated = await ctx.client.virtualKeys.update(
      String(prior.slug),
      {
        name: planned.name,
        note: planned.note ?? "",
        usage_limits: planned.usage_limits === null ? null : usageLimitToWire(planned.usage_limits),
      },
      { signal: ctx.signal },
    );
    return toModel(updated, planned);
  },

  async delete(state, ctx) {
    await deleteUnlessGone(
      () => ctx.client.virtualKeys.delete(String(state.slug), { signal: ctx.signal }),
      virtualKeyCheck(ctx.client, String(state.slug), state.workspace_id, "delete", ctx.signal),
    );
  },

  async import(slug) {
    return { slug };
  },
});
