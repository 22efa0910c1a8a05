/**
 * portkeyadmin_integration_workspace_access: lets one workspace use an organisation integration,
 * with an optional budget and rate limit (fact sheet §3.5). Destroy disables the access (the API
 * has no delete); Portkey then disables the workspace's providers made from the integration.
 * Import id: `<integration_slug>/<workspace_id>`. `create_default_provider` only matters when
 * access is granted and Portkey does not report it: it is write-only, so neither an import nor a
 * later change of it plans an update.
 */
import type { IntegrationWorkspace, IntegrationWorkspaces, PortkeyClient } from "../../portkey";
import { attr, defineResource, type Model, type ResourceContext } from "../framework";
import { sharedAccessListing, writingAccess } from "./access-listings";
import { deleteUnlessGone, readUnlessGone } from "./gone";
import { integrationCheck, workspaceCheck } from "./gone-checks";
import { checkSlug, splitImportId } from "./integration-checks";
import { withIntegration } from "./integration-wait";
import { checkAlertThresholds, emptyAsNull, rateLimitAttributes, rateLimitToWire, usageLimitAttributes, usageLimitFromWire, usageLimitToWire } from "./limits";

const atMostOne = (attribute: string) => (items: readonly unknown[]) =>
  items.length > 1 ? `${attribute} takes at most one entry per workspace (Portkey's limit): merge them into one` : undefined;

const attributes = {
  id: attr.string().computed().useStateForUnknown().describe("`<integration_slug>/<workspace_id>`."),
  integration_slug: attr.string().required().requiresReplace().describe("Slug of the organisation integration.").validate(checkSlug("integration_slug")),
  workspace_id: attr.string().required().requiresReplace().describe("Workspace UUID or slug."),
  workspace_slug: attr
    .string()
    .computed()
    .useStateForUnknown()
    .describe("The workspace's slug (`ws-…`): Portkey's access listing names workspaces by slug even when access was granted by UUID. Learned once and kept, so a refresh is one request."),
  usage_limits: attr
    .listNested(usageLimitAttributes)
    .optional()
    .describe("At most one budget for the workspace's use of this integration.")
    .validate(atMostOne("usage_limits"))
    .validate(checkAlertThresholds),
  rate_limits: attr
    .listNested(rateLimitAttributes)
    .optional()
    .describe("At most one rate limit for the workspace's use of this integration.")
    .validate(atMostOne("rate_limits")),
  create_default_provider: attr
    .bool()
    .optional()
    .writeOnly()
    .describe(
      "When access is granted, let Portkey create a provider in the workspace whose slug is the integration slug (unset: true, Portkey's default). Set false when you manage the workspace's providers yourself. Write-only (Terraform 1.11): it only matters when access is granted and Portkey does not report it, so it is not kept in state, and neither a later change of it nor an import plans an update.",
    ),
};

type AccessModel = Model<typeof attributes>;

interface Found {
  /** The workspace's entry in the listing; undefined when it has none. */
  readonly entry: IntegrationWorkspace | undefined;
  /** The form the listing names the workspace by (its slug), when known. */
  readonly slug: string | null;
}

/**
 * The workspace's entry in an access listing. The listing names workspaces by slug even when
 * access was granted by UUID (fact sheet §1.7 #3): an entry matches the configured id or the
 * slug kept in state; failing both, the workspace is identified (no request when this provider
 * process has already seen it, e.g. created it in the same apply; one GET otherwise).
 */
async function findEntry(
  listing: IntegrationWorkspaces,
  model: Pick<AccessModel, "workspace_id" | "workspace_slug">,
  ctx: ResourceContext<PortkeyClient>,
): Promise<Found> {
  const named = (...ids: (string | null | undefined)[]) => listing.workspaces.find((entry) => ids.includes(entry.id));
  const direct = named(model.workspace_id, model.workspace_slug);
  if (direct) return { entry: direct, slug: model.workspace_slug ?? direct.id };
  // A slug in state that the listing does not name: the workspace has no entry.
  if (model.workspace_slug) return { entry: undefined, slug: model.workspace_slug };
  const workspace = await ctx.client.workspaces.identify(model.workspace_id, { signal: ctx.signal });
  const entry = named(workspace.id, workspace.slug);
  return { entry, slug: workspace.slug ?? entry?.id ?? null };
}

function toModel(found: Found & { entry: IntegrationWorkspace }, known: Pick<AccessModel, "integration_slug" | "workspace_id">): AccessModel {
  const { entry } = found;
  return {
    id: `${known.integration_slug}/${known.workspace_id}`,
    integration_slug: known.integration_slug,
    workspace_id: known.workspace_id,
    workspace_slug: found.slug,
    usage_limits: emptyAsNull(entry.usage_limits.map(usageLimitFromWire)),
    rate_limits: emptyAsNull(entry.rate_limits.map((limit) => ({ type: String(limit.type), unit: String(limit.unit), value: Number(limit.value) }))),
    create_default_provider: null,
  };
}

/** One PUT and its read-back (the PUT answers `{}`). */
async function grant(planned: AccessModel, ctx: ResourceContext<PortkeyClient>): Promise<AccessModel> {
  const slug = planned.integration_slug;
  const access = {
    workspaces: [
      {
        id: planned.workspace_id,
        enabled: true,
        // `[]` clears a limit that was removed from the configuration.
        usage_limits: (planned.usage_limits ?? []).map(usageLimitToWire),
        rate_limits: (planned.rate_limits ?? []).map(rateLimitToWire),
        // Write-only: from the configuration (Portkey acts on it only when access is new).
        create_default_provider: planned.create_default_provider ?? true,
      },
    ],
  };
  // The integration may be another stack's, still being created (integration-wait.ts).
  const put = () => ctx.client.integrations.putWorkspaces(slug, access, { signal: ctx.signal });
  const listing = await writingAccess(ctx.client, slug, () => withIntegration(ctx, slug, put));
  const found = await findEntry(listing, planned, ctx);
  const { entry } = found;
  if (!entry?.enabled) throw new Error(`Portkey accepted access for workspace "${planned.workspace_id}" to integration "${planned.integration_slug}" but does not list it as enabled.`);
  return toModel({ ...found, entry }, planned);
}

export const integrationWorkspaceAccessResource = defineResource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_integration_workspace_access",
  schema: { description: "Enables an organisation integration for one workspace, with an optional budget and rate limit.", attributes },

  create: grant,

  async read(state, ctx) {
    const listing = await readUnlessGone(
      () => sharedAccessListing(ctx.client, state.integration_slug, ctx.signal),
      integrationCheck(ctx.client, state.integration_slug, null, "read", ctx.signal, `the workspace access for "${state.workspace_id}"`),
    );
    if (listing === undefined) return null;
    // findEntry may GET the workspace: an answer that may mean "gone" is confirmed by the workspaces listing.
    const found = await readUnlessGone(() => findEntry(listing, state, ctx), workspaceCheck(ctx.client, state.workspace_id, "read", ctx.signal));
    // Disabled access is what destroy leaves behind: for Terraform the object is gone.
    if (!found?.entry?.enabled) return null;
    return toModel({ ...found, entry: found.entry }, state);
  },

  update: ({ planned }, ctx) => grant(planned, ctx),

  async delete(state, ctx) {
    await writingAccess(ctx.client, state.integration_slug, () =>
      deleteUnlessGone(
        () => ctx.client.integrations.putWorkspaces(state.integration_slug, { workspaces: [{ id: state.workspace_id, enabled: false }] }, { signal: ctx.signal, readBack: false }),
        integrationCheck(ctx.client, state.integration_slug, null, "update", ctx.signal, `the workspace access for "${state.workspace_id}"`),
      ),
    );
  },

  async import(id) {
    const [integrationSlug, workspaceId] = splitImportId(id, "portkeyadmin_integration_workspace_access", "<integration_slug>/<workspace_id>");
    return { id, integration_slug: integrationSlug, workspace_id: workspaceId, workspace_slug: null };
  },
});
