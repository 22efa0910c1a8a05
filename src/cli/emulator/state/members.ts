/**
 * Users, invites and memberships: the lookups and the one state change that has no Admin API
 * route, accepting an invite (a person clicks the link; tests do it through `/_emulator/`).
 */
import { conflict, notFound } from "../errors";
import { uuid } from "../ids";
import type { InviteRecord, MemberRecord, UserRecord } from "./records";
import type { Store } from "./store";

export const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function findUserByEmail(store: Store, email: string): UserRecord | undefined {
  return store.state.users.find((item) => sameEmail(item.email, email));
}

export function user(store: Store, id: string): UserRecord {
  const found = store.state.users.find((item) => item.id === id);
  if (!found) throw notFound(`User ${JSON.stringify(id)} not found.`);
  return found;
}

export function invite(store: Store, id: string): InviteRecord {
  const found = store.state.invites.find((item) => item.id === id);
  if (!found) throw notFound(`Invite ${JSON.stringify(id)} not found.`);
  return found;
}

export function findMember(store: Store, workspaceId: string, userId: string): MemberRecord | undefined {
  return store.state.members.find((item) => item.workspace_id === workspaceId && item.user_id === userId);
}

export function member(store: Store, workspaceId: string, userId: string): MemberRecord {
  const found = findMember(store, workspaceId, userId);
  if (!found) throw notFound(`Workspace member ${JSON.stringify(userId)} not found: the user is not a member of this workspace.`);
  return found;
}

/** Pending invites past their expiry read as expired (the clock may be a test's). */
export function refreshInviteStatus(store: Store, record: InviteRecord): InviteRecord {
  if (record.status === "pending" && record.expires_at <= store.nowIso()) record.status = "expired";
  return record;
}

/**
 * Accept a pending invite: the user is created (or found, if the email already is one) and
 * joins each workspace the invite names with its role. Answers the user.
 */
export function acceptInvite(store: Store, id: string, names: { first_name?: string; last_name?: string } = {}): UserRecord {
  const record = refreshInviteStatus(store, invite(store, id));
  if (record.status !== "pending") throw conflict(`Invite ${JSON.stringify(id)} is ${record.status}; only a pending invite can be accepted.`);
  const at = store.nowIso();
  let person = findUserByEmail(store, record.email);
  if (!person) {
    person = { id: uuid(), email: record.email.toLowerCase(), first_name: names.first_name ?? null, last_name: names.last_name ?? null, role: record.role, created_at: at, last_updated_at: at };
    store.state.users.push(person);
  }
  for (const grant of record.workspaces) {
    if (!store.findWorkspace(grant.workspace_id) || findMember(store, grant.workspace_id, person.id)) continue;
    store.state.members.push({ workspace_id: grant.workspace_id, user_id: person.id, role: grant.role, created_at: at, last_updated_at: at });
  }
  record.status = "accepted";
  record.accepted_at = at;
  return person;
}
