/**
 * portkeyadmin_user_invite: an invitation for a developer to join the Portkey organisation
 * (fact sheet §12). Invites have no update, so every configured change replaces the invite.
 * Import id: the invite id.
 *
 * Lifecycle, as Terraform shows it:
 * - pending: `status = "pending"`;
 * - accepted: the invite did its job; the resource stays in state with `status = "accepted"` and
 *   `user_id` set, and plans no change. (Dropping it would plan a new invite on every apply, for
 *   a person who is already a user and cannot be invited again.) Destroying it deletes the
 *   invite record, never the user;
 * - expired or cancelled, or deleted while nobody accepted it, or the accepted user was removed
 *   from the organisation: dropped from state, so the next apply invites again.
 * No idempotency key (§1.6): before creating, the user and a pending invite are looked up by
 * email; a pending invite with the same role is adopted instead of sending a second one.
 */
import type { Invite, PortkeyClient } from "../../portkey";
import { attr, defineResource, type Model } from "../framework";
import { deleteUnlessGone, isNotFound, readUnlessGone } from "./gone";
import { inviteCheck } from "./gone-checks";
import { checkEmail, checkRole, configuredEmail } from "./member-checks";

const INVITE_ROLES = ["admin", "member"] as const;
const WORKSPACE_ROLES = ["admin", "manager", "member"] as const;

const attributes = {
  id: attr.string().computed().useStateForUnknown().describe("Invite id."),
  email: attr.string().required().requiresReplace().describe("The developer's email address.").validate(checkEmail("email")),
  role: attr
    .string()
    .required()
    .requiresReplace()
    .describe('Organisation role once accepted: "admin" or "member".')
    .validate(checkRole("role", INVITE_ROLES)),
  workspaces: attr
    .listNested({
      id: attr.string().required().describe("Workspace slug (`ws-…`) or UUID. Portkey reads invites back with slugs: name workspaces by slug to import without a replacement."),
      role: attr.string().required().describe('Role in that workspace: "admin", "manager" or "member".').validate(checkRole("workspaces.role", WORKSPACE_ROLES)),
    })
    .optional()
    .requiresReplace()
    .describe("Workspaces the developer joins on accepting, each with a role."),
  status: attr.string().computed().useStateForUnknown().describe('"pending" or "accepted" (expired and cancelled invites leave the state: the next apply invites again).'),
  user_id: attr.string().computed().useStateForUnknown().describe("The org user the invite became, once accepted; null while pending."),
  created_at: attr.string().computed().useStateForUnknown().describe("Creation time (RFC 3339)."),
  expires_at: attr.string().computed().useStateForUnknown().describe("When a pending invite expires (RFC 3339)."),
};

type InviteModel = Model<typeof attributes>;

function toModel(invite: Invite, prior: Partial<InviteModel>): Partial<InviteModel> {
  return {
    id: invite.id,
    email: configuredEmail(invite.email, prior.email) ?? undefined,
    role: invite.role ?? prior.role,
    // Invites cannot change: keep the configured form (UUID or slug); an import takes Portkey's.
    workspaces: prior.workspaces ?? (invite.workspaces.length > 0 ? invite.workspaces.map((w) => ({ id: w.id, role: w.role })) : null),
    status: invite.status ?? "pending",
    user_id: prior.user_id ?? null,
    created_at: invite.created_at ?? prior.created_at ?? null,
    expires_at: invite.expires_at ?? prior.expires_at ?? null,
  };
}

export const userInviteResource = defineResource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_user_invite",
  schema: { description: "Invites a developer to the Portkey organisation (and, on acceptance, to workspaces with roles).", attributes },

  async create(planned, ctx) {
    const signal = ctx.signal;
    const existingUser = await ctx.client.users.findByEmail(planned.email, { signal });
    if (existingUser) {
      throw new Error(
        `${planned.email} is already a user of the Portkey organisation (user id ${existingUser.id}), so there is nobody to invite. Remove this portkeyadmin_user_invite from the configuration and give the user workspace access with portkeyadmin_workspace_member (email = "${planned.email}").`,
      );
    }
    const pending = await ctx.client.invites.findPending(planned.email, { signal });
    if (pending && pending.role !== undefined && pending.role !== planned.role) {
      throw new Error(
        `A pending invite for ${planned.email} already exists (id ${pending.id}) with role "${pending.role}", not "${planned.role}". Delete it in Portkey (Admin Settings → Members → Invites), or adopt it with \`terraform import <this resource's address> ${pending.id}\` and set role = "${pending.role}", then apply again.`,
      );
    }
    if (pending) {
      ctx.diagnostics.warning("Existing invite adopted", `A pending invite for ${planned.email} (id ${pending.id}) already existed; it was adopted instead of sending a second one.`, ["email"]);
      return toModel(pending, planned);
    }
    const created = await ctx.client.invites.create(
      { email: planned.email.trim(), role: planned.role as (typeof INVITE_ROLES)[number], ...(planned.workspaces ? { workspaces: planned.workspaces.map((w) => ({ id: w.id, role: w.role as (typeof WORKSPACE_ROLES)[number] })) } : {}) },
      { signal },
    );
    return toModel(created, planned);
  },

  async read(state, ctx) {
    const signal = ctx.signal;
    const id = String(state.id);
    if (state.status === "accepted" && state.user_id) {
      // Done: only the user matters now (one GET). Removed from the organisation: invite again.
      try {
        await ctx.client.users.get(state.user_id, { signal });
        return {};
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    }
    const remote = await readUnlessGone(() => ctx.client.invites.get(id, { signal }), inviteCheck(ctx.client, id, state.email, "read", signal));
    if (remote === undefined || remote.status === "accepted") {
      // Accepted (Portkey may also purge accepted invites): keep it while the user exists.
      const email = remote?.email ?? state.email;
      const user = email ? await ctx.client.users.findByEmail(email, { signal }) : undefined;
      if (!user) return null;
      return { ...(remote ? toModel(remote, state) : {}), status: "accepted", user_id: user.id };
    }
    if (remote.status === "expired" || remote.status === "cancelled") {
      ctx.diagnostics.warning(`Invite ${remote.status}`, `The invite for ${remote.email} (id ${id}) is ${remote.status}; it leaves the state and the next apply sends a new one.`, ["status"]);
      return null;
    }
    return toModel(remote, state);
  },

  async update({ planned }) {
    // Every configured attribute forces a replacement; nothing else can change.
    return planned;
  },

  async delete(state, ctx) {
    const id = String(state.id);
    // Deletes the invite record only: an accepted invite's user stays in the organisation.
    await deleteUnlessGone(() => ctx.client.invites.delete(id, { signal: ctx.signal }), inviteCheck(ctx.client, id, state.email, "delete", ctx.signal));
  },

  async import(id) {
    return { id };
  },
});
