/**
 * Workspace members `/admin/workspaces/{ws}/users` (fact sheet §12). Quirks normalised here: a
 * member GET may omit `id` (the caller asked by id, so it is filled in) and roles may come back
 * as `ws-admin` (prefix stripped by the schema).
 */

import type * as z from "zod/v4";
import { createIdempotently } from "../create-idempotently";
import { PortkeyApiError } from "../errors";
import { listAllPages } from "../paginate";
import { readBackAdopted, readBackOrUndo } from "../read-back-or-undo";
import { parseInput, type ResourceContext, seg } from "../resource-context";
import { ignoredBody } from "../schemas/common";
import { addMembersInput, updateMemberInput, type WorkspaceMember, type WorkspaceRole, workspaceMemberRead } from "../schemas/members";
import { type CallOptions, unlessNotFound } from "./shared";

type MemberRead = z.infer<typeof workspaceMemberRead>;

function toMember(raw: MemberRead, askedId?: string): WorkspaceMember | undefined {
  const id = raw.id ?? raw.user_id ?? askedId;
  if (id === undefined) return undefined;
  return { id, email: raw.email, role: raw.role, created_at: raw.created_at };
}

export class WorkspaceMembersApi {
  constructor(private readonly ctx: ResourceContext) {}

  /** Add `userId` to the workspace with `role`, then read the membership back. */
  async add(workspaceId: string, userId: string, role: WorkspaceRole, options: CallOptions = {}): Promise<WorkspaceMember> {
    const path = `/admin/workspaces/${seg(workspaceId)}/users`;
    const body = parseInput(this.ctx, addMembersInput, { users: [{ id: userId, role }] }, "workspaceMembers.add", "POST", path);
    const what = `membership of user "${userId}" in workspace "${workspaceId}"`;
    const outcome = await createIdempotently(this.ctx.transport, {
      what,
      request: { method: "POST", path, body, schema: ignoredBody, signal: options.signal },
      // The (workspace, user) pair is ours: "already exists" after a re-send is our first attempt.
      clientChosenKey: true,
      findExisting: (signal) => unlessNotFound(this.get(workspaceId, userId, { signal })),
    });
    if (outcome.adopted) return readBackAdopted(this.ctx.transport, what, () => this.get(workspaceId, userId, options));
    return readBackOrUndo(this.ctx.transport, what, () => this.get(workspaceId, userId, options), () => this.remove(workspaceId, userId));
  }

  async get(workspaceId: string, userId: string, options: CallOptions = {}): Promise<WorkspaceMember> {
    const path = `/admin/workspaces/${seg(workspaceId)}/users/${seg(userId)}`;
    const raw = await this.ctx.transport.send({ method: "GET", path, schema: workspaceMemberRead, signal: options.signal });
    const member = toMember(raw, userId);
    if (member === undefined) throw this.ctx.transport.error({ kind: "invalid-response", method: "GET", path, message: `Portkey API GET ${path} answered a member without an id.` });
    if (member.id !== userId) {
      throw this.ctx.transport.error({ kind: "invalid-response", method: "GET", path, message: `Portkey API GET ${path} answered member "${member.id}", not the user asked for ("${userId}").` });
    }
    return member;
  }

  /** Every member; items without any id (nothing to address them by) are skipped. */
  async list(workspaceId: string, filter: { readonly email?: string; readonly role?: string } = {}, options: CallOptions = {}): Promise<WorkspaceMember[]> {
    const items = await listAllPages(this.ctx.transport, {
      path: `/admin/workspaces/${seg(workspaceId)}/users`,
      query: { ...filter },
      item: workspaceMemberRead,
      pageSize: this.ctx.pageSize,
      signal: options.signal,
    });
    return items.map((item) => toMember(item)).filter((item): item is WorkspaceMember => item !== undefined);
  }

  /**
   * Portkey answers 400/AB01 to a role update that changes nothing (§1.3), which also happens
   * when a PUT whose answer was lost is retried: on a 400, read, and succeed if the role is set.
   */
  async updateRole(workspaceId: string, userId: string, role: WorkspaceRole, options: CallOptions = {}): Promise<WorkspaceMember> {
    const path = `/admin/workspaces/${seg(workspaceId)}/users/${seg(userId)}`;
    const body = parseInput(this.ctx, updateMemberInput, { role }, "workspaceMembers.updateRole", "PUT", path);
    try {
      await this.ctx.transport.send({ method: "PUT", path, body, schema: ignoredBody, signal: options.signal });
    } catch (error) {
      if (!(error instanceof PortkeyApiError) || error.status !== 400) throw error;
      const current = await this.get(workspaceId, userId, options);
      if (current.role !== role) throw error;
      return current;
    }
    return this.get(workspaceId, userId, options);
  }

  async remove(workspaceId: string, userId: string, options: CallOptions = {}): Promise<void> {
    await this.ctx.transport.send({ method: "DELETE", path: `/admin/workspaces/${seg(workspaceId)}/users/${seg(userId)}`, schema: ignoredBody, signal: options.signal });
  }
}
