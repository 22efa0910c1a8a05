/**
 * Org users, invites and workspace members (fact sheet §12). Users cannot be created: a person
 * becomes a user by accepting an invite. Workspace-member reads may omit `id` and prefix the role
 * with `ws-` (§1.7 #11): both are normalised here or by the resource module.
 */
import * as z from "zod/v4";
import { listOf, opt, text } from "./common";

export const ORG_ROLES = ["owner", "admin", "member"] as const;
/** Roles an invite may grant in the organisation (an owner cannot be invited). */
export const INVITE_ROLES = ["admin", "member"] as const;
export const WORKSPACE_ROLES = ["admin", "manager", "member"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/** `ws-admin` → `admin`; anything else unchanged (an unknown role is kept so drift shows it). */
export function normaliseWorkspaceRole(role: string): string {
  return role.startsWith("ws-") ? role.slice(3) : role;
}

/** Emails compare case-insensitively (Portkey lower-cases them). */
export function sameEmail(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

const email = z.string().trim().min(3).regex(/^[^@\s]+@[^@\s]+$/, "must be an email address like dev@example.com");

export const user = z.object({
  id: text,
  email: z.string(),
  first_name: opt(z.string()),
  last_name: opt(z.string()),
  role: opt(z.string()),
  created_at: opt(z.string()),
  last_updated_at: opt(z.string()),
});
export type User = z.infer<typeof user>;

export const inviteWorkspaceInput = z.object({ id: z.string().min(1, "must be the workspace slug or UUID"), role: z.enum(WORKSPACE_ROLES) }).strict();

export const createInviteInput = z
  .object({
    email,
    role: z.enum(INVITE_ROLES),
    workspaces: z.array(inviteWorkspaceInput).optional(),
    workspace_api_key_details: z.object({ scopes: z.array(z.string()) }).strict().optional(),
  })
  .strict();
export type CreateInviteInput = z.input<typeof createInviteInput>;

export const INVITE_STATUSES = ["pending", "cancelled", "accepted", "expired"] as const;

export const invite = z.object({
  id: text,
  email: z.string(),
  role: opt(z.string()),
  status: opt(z.string()),
  workspaces: listOf(z.object({ id: text, role: z.string().transform(normaliseWorkspaceRole) }).passthrough()),
  created_at: opt(z.string()),
  expires_at: opt(z.string()),
  accepted_at: opt(z.string()),
});
export type Invite = z.infer<typeof invite>;

/** The create answers `{id, invite_link}`; the link is a bearer secret of sorts and is not kept. */
export const inviteCreated = z.looseObject({ id: text });

/**
 * A workspace member. The id may be missing on GET (filled in by the caller, who asked by id);
 * some answers name it `user_id`.
 */
export const workspaceMemberRead = z
  .object({
    id: opt(text),
    user_id: opt(text),
    email: opt(z.string()),
    first_name: opt(z.string()),
    last_name: opt(z.string()),
    role: z.string().transform(normaliseWorkspaceRole),
    created_at: opt(z.string()),
    last_updated_at: opt(z.string()),
  })
  .passthrough();

export interface WorkspaceMember {
  /** The org user's id. */
  readonly id: string;
  readonly email: string | undefined;
  /** Without the `ws-` prefix. */
  readonly role: string;
  readonly created_at: string | undefined;
}

export const addMembersInput = z.object({ users: z.array(z.object({ id: z.string().min(1), role: z.enum(WORKSPACE_ROLES) }).strict()).min(1) }).strict();
export type AddMembersInput = z.input<typeof addMembersInput>;

export const updateMemberInput = z.object({ role: z.enum(WORKSPACE_ROLES) }).strict();
