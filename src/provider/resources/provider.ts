/**
 * portkeyadmin_provider: a workspace-scoped provider on an integration (fact sheet §4), the
 * `@slug` that Claude Code sends as `x-portkey-provider` or that config targets name.
 *
 * Import id: `<workspace_id>/<slug>` (the provider id works in place of the slug).
 *
 * The auto-created provider: when an integration is enabled for a workspace, Portkey creates a
 * provider whose slug is the integration slug (fact sheet §3.5). Creating a provider with that
 * slug would collide, so create adopts it instead: it takes over the existing provider (applying
 * name, note and limits from the configuration) and logs that it did. Destroying the resource
 * then deletes that provider too.
 */
import type { PortkeyClient, Provider, UpdateProviderInput } from "../../portkey";
import { attr, defineResource, type Model } from "../framework";
import { withImportHint } from "./conflict";
import { deleteUnlessGone, looksGone, readUnlessGone } from "./gone";
import { providerCheck } from "./gone-checks";
import { checkAlertThresholds, emptyAsNull, rateLimitAttributes, rateLimitToWire, usageLimitAttributes, usageLimitFromWire, usageLimitToWire } from "./limits";
import { sameInstant, validExpiresAt, validProviderSlug } from "./provider-values";
import { providerLeftover } from "./leftover-lookups";

const attributes = {
  id: attr.string().computed().useStateForUnknown().describe("Provider id (UUID)."),
  name: attr
    .string()
    .required()
    .describe("Provider name, shown in the Portkey dashboard.")
    .validate((name) => (name.trim() === "" ? "name must not be empty" : undefined)),
  slug: attr
    .string()
    .optionalComputed()
    .requiresReplace()
    .useStateForUnknown()
    .describe("The slug callers use as `@slug`. Default: chosen by Portkey from the name. Setting it to the integration slug adopts the provider Portkey auto-creates on access grant. Changing it creates a new provider.")
    .validate(validProviderSlug),
  workspace_id: attr.string().required().requiresReplace().describe("Workspace UUID (or slug). Changing it creates a new provider."),
  integration_id: attr
    .string()
    .required()
    .requiresReplace()
    .describe("Slug of the integration holding the credentials; it must be enabled for the workspace. Changing it creates a new provider."),
  note: attr.string().optional().describe("Free text."),
  usage_limits: attr.object(usageLimitAttributes).optional().describe("Budget of this provider.").validate(checkAlertThresholds),
  rate_limits: attr.listNested(rateLimitAttributes).optional().describe("Rate limits of this provider."),
  expires_at: attr.string().optional().describe("Expiry time (RFC 3339, e.g. 2027-01-01T00:00:00Z); unset: never expires.").validate(validExpiresAt),
  status: attr.string().computed().describe('"active", "exhausted" or "expired" (as Portkey reports it).'),
  ai_provider_id: attr.string().computed().useStateForUnknown().describe('Base provider of the integration, e.g. "vertex-ai".'),
};

type ProviderModel = Model<typeof attributes>;

/** The state for what the API returns, keeping the caller's forms where the API rewrites them. */
function toModel(remote: Provider, prior: Partial<ProviderModel>): Partial<ProviderModel> {
  const expires = remote.expires_at ?? null;
  return {
    id: remote.id,
    slug: remote.slug,
    name: remote.name ?? prior.name,
    // Both are immutable; the API may answer another form (UUID for slug, fact sheet §1.7 #2),
    // so the caller's value stands and the API's fills in only after import.
    workspace_id: prior.workspace_id ?? remote.workspace_id,
    integration_id: prior.integration_id ?? remote.integration_id,
    note: remote.note || (prior.note === "" ? "" : null),
    usage_limits: remote.usage_limits ? usageLimitFromWire(remote.usage_limits) : null,
    rate_limits: emptyAsNull(remote.rate_limits.map((l) => ({ type: String(l.type), unit: String(l.unit), value: Number(l.value) }))),
    expires_at: expires !== null && prior.expires_at && sameInstant(expires, prior.expires_at) ? prior.expires_at : expires,
    status: remote.status ?? null,
    ai_provider_id: remote.ai_provider_name ?? prior.ai_provider_id ?? null,
  };
}

function updateBody(planned: ProviderModel): UpdateProviderInput {
  return {
    name: planned.name,
    note: planned.note,
    usage_limits: planned.usage_limits ? usageLimitToWire(planned.usage_limits) : null,
    rate_limits: planned.rate_limits ? planned.rate_limits.map(rateLimitToWire) : null,
    expires_at: planned.expires_at,
  };
}

/** The provider Portkey auto-created for this integration, if the planned slug is its slug. */
async function autoCreated(planned: ProviderModel, client: PortkeyClient, signal: AbortSignal): Promise<Provider | undefined> {
  if (planned.slug === null || planned.slug !== planned.integration_id) return undefined;
  const slug = planned.slug;
  let existing: Provider | undefined;
  try {
    existing = await client.providers.get(slug, planned.workspace_id, { signal });
  } catch (error) {
    // No state is dropped here: a create that collides after all stops at 409 with the import command.
    if (!looksGone(error)) throw error;
    return undefined;
  }
  return existing.integration_id === undefined || existing.integration_id === planned.integration_id ? existing : undefined;
}

export const providerResource = defineResource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_provider",
  schema: {
    description:
      "A Portkey provider in a workspace, built on an integration: the `@slug` Claude Code routes to. Adopts the provider Portkey auto-creates on integration access grant when `slug` equals the integration slug.",
    attributes,
  },

  findLeftover: (planned, ctx) => providerLeftover(planned, ctx),

  async create(planned, ctx) {
    const existing = await autoCreated(planned, ctx.client, ctx.signal);
    if (existing) {
      const what = `provider "${existing.slug}" that Portkey auto-created when integration "${planned.integration_id}" was enabled for workspace "${planned.workspace_id}"`;
      ctx.log.log("warn", "portkeyadmin_provider: adopting the auto-created provider instead of creating a duplicate", {
        slug: existing.slug,
        workspace_id: planned.workspace_id,
        integration_id: planned.integration_id,
      });
      ctx.diagnostics.warning(
        "Adopted the auto-created provider",
        `Took over the ${what} (a new provider with that slug would collide); name, note and limits now come from this resource, and destroying it deletes that provider.`,
      );
      const adopted = await ctx.client.providers.update(existing.id, planned.workspace_id, updateBody(planned), { signal: ctx.signal });
      return toModel(adopted, planned);
    }
    try {
      const created = await ctx.client.providers.create(
        {
          name: planned.name,
          integration_id: planned.integration_id,
          workspace_id: planned.workspace_id,
          ...(planned.slug === null ? {} : { slug: planned.slug }),
          ...(planned.note === null ? {} : { note: planned.note }),
          ...(planned.usage_limits ? { usage_limits: usageLimitToWire(planned.usage_limits) } : {}),
          ...(planned.rate_limits ? { rate_limits: planned.rate_limits.map(rateLimitToWire) } : {}),
          ...(planned.expires_at === null ? {} : { expires_at: planned.expires_at }),
        },
        { signal: ctx.signal },
      );
      return toModel(created, planned);
    } catch (error) {
      throw planned.slug === null ? error : withImportHint(error, `${planned.workspace_id}/${planned.slug}`);
    }
  },

  async read(state, ctx) {
    const remote = await readUnlessGone(
      () => ctx.client.providers.get(String(state.id ?? state.slug), String(state.workspace_id), { signal: ctx.signal }),
      providerCheck(ctx.client, state, String(state.workspace_id), "read", ctx.signal),
    );
    return remote === undefined ? null : toModel(remote, state);
  },

  async update({ planned, prior }, ctx) {
    const updated = await ctx.client.providers.update(String(prior.id), String(prior.workspace_id), updateBody(planned), { signal: ctx.signal });
    return toModel(updated, planned);
  },

  async delete(state, ctx) {
    await deleteUnlessGone(
      () => ctx.client.providers.delete(String(state.id ?? state.slug), String(state.workspace_id), { signal: ctx.signal }),
      providerCheck(ctx.client, state, String(state.workspace_id), "delete", ctx.signal),
    );
  },

  async import(id, ctx) {
    const slash = id.indexOf("/");
    if (slash <= 0 || slash === id.length - 1) {
      ctx.diagnostics.error("Invalid import id", `Import a portkeyadmin_provider with "<workspace_id>/<slug>", e.g. "ws-payments-1a2b3c/vertex-prod"; got "${id}".`);
      return {};
    }
    return { workspace_id: id.slice(0, slash), slug: id.slice(slash + 1) };
  },
});
