/**
 * portkeyadmin_workspace_member: an org user's membership of a workspace, with a role (fact
 * sheet §12). Name the user by `email` (resolved to the user id on create, so nobody copies a
 * UUID) or by `user_id`. Import id: `<workspace_id>/<user_id>`.
 * The user must exist: a developer becomes one by accepting a portkeyadmin_user_invite. A
 * membership that already exists on create (an accepted invite that named the workspace grants
 * one) is adopted and given the configured role, rather than failing on Portkey's conflict.
 * Drift: a role changed out of band shows as an update; a removed membership is re-created.
 */
import type { PortkeyClient, WorkspaceMember } from "../../portkey";
import { attr, defineResource, isUnknown, type Model, type PlanModel, unknown } from "../framework";
import { withImportHint } from "./conflict";
import { deleteUnlessGone, looksGone, readUnlessGone } from "./gone";
import { memberCheck } from "./gone-checks";
import { checkEmail, checkRole, configuredEmail } from "./member-checks";

const WORKSPACE_ROLES = ["admin", "manager", "member"] as const;
type Role = (typeof WORKSPACE_ROLES)[number];

const attributes = {
  id: attr.string().computed().useStateForUnknown().describe("`<workspace_id>/<user_id>`, the import id."),
  workspace_id: attr.string().required().requiresReplace().describe("Workspace UUID or slug."),
  email: attr
    .string()
    .optionalComputed()
    .useStateForUnknown()
    .describe("The member's email; resolved to the user on create. Set this or user_id.")
    .validate(checkEmail("email")),
  user_id: attr.string().optionalComputed().useStateForUnknown().describe("The org user's id. Set this or email."),
  role: attr.string().required().describe('Role in the workspace: "admin", "manager" or "member".').validate(checkRole("role", WORKSPACE_ROLES)),
  created_at: attr.string().computed().useStateForUnknown().describe("When the user joined the workspace (RFC 3339)."),
};

type MemberModel = Model<typeof attributes>;

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function toModel(member: WorkspaceMember, workspaceId: string, prior: Partial<MemberModel>): Partial<MemberModel> {
  return {
    id: `${workspaceId}/${member.id}`,
    workspace_id: workspaceId,
    user_id: member.id,
    email: configuredEmail(member.email, prior.email),
    role: member.role,
    created_at: member.created_at ?? prior.created_at ?? null,
  };
}

export const workspaceMemberResource = defineResource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_workspace_member",
  schema: { description: "Makes an org user a member of a workspace with a role; the user is named by email or id.", attributes },

  validate(config, ctx) {
    if (config.email === null && config.user_id === null) {
      ctx.diagnostics.error("Missing user", 'Set email (e.g. email = "dev@example.com") or user_id to say who joins the workspace.', ["email"]);
    }
  },

  plan({ config, prior, planned }, ctx) {
    if (prior === null) return undefined;
    const next: PlanModel<typeof attributes> = { ...planned };
    const emailChanged = config.email !== null && (isUnknown(config.email) || prior.email === null || !sameEmail(config.email, prior.email));
    const userChanged = config.user_id !== null && (isUnknown(config.user_id) || config.user_id !== prior.user_id);
    if (emailChanged) {
      // Another person: a new membership; which user it is becomes known on create.
      ctx.requireReplace(["email"]);
      if (config.user_id === null) next.user_id = unknown;
      next.id = unknown;
      next.created_at = unknown;
    }
    if (userChanged) {
      ctx.requireReplace(["user_id"]);
      if (config.email === null) next.email = unknown;
      next.id = unknown;
      next.created_at = unknown;
    }
    return next;
  },

  async create(planned, ctx) {
    const signal = ctx.signal;
    const workspaceId = planned.workspace_id;
    let userId = planned.user_id;
    if (planned.email !== null) {
      const user = await ctx.client.users.findByEmail(planned.email, { signal });
      if (!user) {
        throw new Error(
          `No user of the Portkey organisation has the email ${planned.email}: they become one by accepting their invite (portkeyadmin_user_invite). Apply again once they have accepted, or check the address.`,
        );
      }
      if (userId !== null && userId !== user.id) {
        throw new Error(`email ${planned.email} belongs to user ${user.id}, not to user_id ${userId}: set only one of them, or make them agree.`);
      }
      userId = user.id;
    }
    if (userId === null) throw new Error("Set email or user_id to say who joins the workspace.");
    const role = planned.role as Role;
    // No idempotency key (§1.6): look the membership up first; an existing one is adopted.
    // Any not-found-like answer means "add": if the membership does exist after all, Portkey's
    // 409 on the add says so (with an import hint below).
    const existing = await ctx.client.workspaceMembers.get(workspaceId, userId, { signal }).catch((error: unknown) => {
      if (looksGone(error)) return undefined;
      throw error;
    });
    let member: WorkspaceMember;
    if (existing === undefined) {
      try {
        member = await ctx.client.workspaceMembers.add(workspaceId, userId, role, { signal });
      } catch (error) {
        throw withImportHint(error, `${workspaceId}/${userId}`);
      }
    }
    else if (existing.role !== role) member = await ctx.client.workspaceMembers.updateRole(workspaceId, userId, role, { signal });
    else member = existing;
    return toModel(member, workspaceId, planned);
  },

  async read(state, ctx) {
    const workspaceId = String(state.workspace_id);
    const userId = String(state.user_id);
    const remote = await readUnlessGone(
      () => ctx.client.workspaceMembers.get(workspaceId, userId, { signal: ctx.signal }),
      memberCheck(ctx.client, workspaceId, userId, "read", ctx.signal),
    );
    return remote === undefined ? null : toModel(remote, workspaceId, state);
  },

  async update({ planned, prior }, ctx) {
    const workspaceId = String(prior.workspace_id);
    // Only the email's spelling changed (same person, compared case-insensitively): nothing to send.
    if (planned.role === prior.role) return { email: planned.email };
    const updated = await ctx.client.workspaceMembers.updateRole(workspaceId, String(prior.user_id), planned.role as Role, { signal: ctx.signal });
    return toModel(updated, workspaceId, planned);
  },

  async delete(state, ctx) {
    const workspaceId = String(state.workspace_id);
    const userId = String(state.user_id);
    await deleteUnlessGone(
      () => ctx.client.workspaceMembers.remove(workspaceId, userId, { signal: ctx.signal }),
      memberCheck(ctx.client, workspaceId, userId, "delete", ctx.signal),
    );
  },

  async import(id) {
    const slash = id.lastIndexOf("/");
    if (slash <= 0 || slash === id.length - 1) {
      throw new Error(`Import id ${JSON.stringify(id)} is not <workspace_id>/<user_id>: e.g. ws-team-a1b2c3/4f9e…; the user id is in Portkey under Admin Settings → Members, or from data "portkeyadmin_user".`);
    }
    return { workspace_id: id.slice(0, slash), user_id: id.slice(slash + 1) };
  },
});
