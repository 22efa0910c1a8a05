/**
 * portkeyadmin_workspace: a Portkey workspace (fact sheet §7.1), one per team.
 * Import id: the workspace id (UUID) or slug.
 */
import type { PortkeyClient, Workspace } from "../../portkey";
import { attr, defineResource, type Model, types } from "../framework";
import { checkAlertThresholds, emptyAsNull, rateLimitAttributes, rateLimitToWire, usageLimitAttributes, usageLimitFromWire, usageLimitToWire } from "./limits";
import { deleteUnlessGone, readUnlessGone } from "./gone";
import { workspaceCheck } from "./gone-checks";
import { workspaceLeftover } from "./leftover-lookups";

const attributes = {
  id: attr.string().computed().useStateForUnknown().describe("Workspace id (UUID)."),
  slug: attr.string().computed().useStateForUnknown().describe("Workspace slug (`ws-…`); usable wherever the id is."),
  name: attr
    .string()
    .required()
    .describe("Workspace name, shown in the Portkey dashboard.")
    .validate((name) => (name.trim() === "" ? "name must not be empty" : name.trim().length > 100 ? "name must be at most 100 characters" : undefined)),
  description: attr.string().optional().describe("Free text."),
  metadata: attr
    .map(types.string)
    .optional()
    .describe("Default request metadata for every request in the workspace (values ≤ 128 chars); it wins over API-key and request metadata.")
    .validate((m: Record<string, string>) => {
      const long = Object.entries(m).find(([, v]) => v.length > 128);
      return long ? `metadata.${long[0]} is longer than 128 characters (Portkey's limit)` : undefined;
    }),
  usage_limits: attr.listNested(usageLimitAttributes).optional().describe("Workspace budgets.").validate(checkAlertThresholds),
  rate_limits: attr.listNested(rateLimitAttributes).optional().describe("Workspace rate limits."),
  force_delete: attr
    .bool()
    .optionalComputed()
    .default(true)
    .describe("Delete the workspace together with its providers, configs and keys (Portkey refuses otherwise, even for new workspaces with an auto-created provider)."),
  created_at: attr.string().computed().useStateForUnknown().describe("Creation time (RFC 3339)."),
};

type WorkspaceModel = Model<typeof attributes>;

function toModel(workspace: Workspace, prior: Partial<WorkspaceModel>): Partial<WorkspaceModel> {
  const metadata = workspace.defaults.metadata ?? {};
  return {
    id: workspace.id,
    slug: workspace.slug ?? prior.slug ?? null,
    name: workspace.name,
    description: workspace.description || (prior.description === "" ? "" : null),
    metadata: Object.keys(metadata).length > 0 ? metadata : prior.metadata && Object.keys(prior.metadata).length === 0 ? {} : null,
    usage_limits: emptyAsNull(workspace.usage_limits.map(usageLimitFromWire)),
    rate_limits: emptyAsNull(workspace.rate_limits.map((l) => ({ type: String(l.type), unit: String(l.unit), value: Number(l.value) }))),
    force_delete: prior.force_delete ?? true,
    created_at: workspace.created_at ?? prior.created_at ?? null,
  };
}

function body(planned: WorkspaceModel) {
  return {
    name: planned.name,
    ...(planned.description === null ? {} : { description: planned.description }),
    defaults: { metadata: planned.metadata ?? {} },
    usage_limits: (planned.usage_limits ?? []).map(usageLimitToWire),
    rate_limits: (planned.rate_limits ?? []).map(rateLimitToWire),
  };
}

export const workspaceResource = defineResource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_workspace",
  schema: { description: "A Portkey workspace: one per team, with default metadata, budgets and rate limits.", attributes },

  findLeftover: (planned, ctx) => workspaceLeftover(planned, ctx),

  async create(planned, ctx) {
    const created = await ctx.client.workspaces.create(body(planned), { signal: ctx.signal });
    // Made by this process: nothing in it can be left over from an earlier apply.
    ctx.memory.markFresh(created.id, created.slug);
    return toModel(created, planned);
  },

  async read(state, ctx) {
    const remote = await readUnlessGone(
      () => ctx.client.workspaces.get(String(state.id), { signal: ctx.signal }),
      workspaceCheck(ctx.client, String(state.id), "read", ctx.signal),
    );
    return remote === undefined ? null : toModel(remote, state);
  },

  async update({ planned, prior }, ctx) {
    const { name, description, defaults, usage_limits, rate_limits } = body(planned);
    const updated = await ctx.client.workspaces.update(
      String(prior.id),
      { name, description: description ?? "", defaults, usage_limits, rate_limits },
      { signal: ctx.signal },
    );
    return toModel(updated, planned);
  },

  async delete(state, ctx) {
    await deleteUnlessGone(
      () => ctx.client.workspaces.delete(String(state.id), { forceDelete: state.force_delete ?? true, name: state.name ?? undefined, signal: ctx.signal }),
      workspaceCheck(ctx.client, String(state.id), "delete", ctx.signal),
    );
  },

  async import(id) {
    return { id, force_delete: true };
  },
});
