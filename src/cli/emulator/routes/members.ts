/**
 * `/v1/admin/users`, `/v1/admin/users/invites`, `/v1/admin/workspaces/:ws/users` (fact sheet
 * §12), with the live quirks: `/admin/users` pages with camelCase `currentPage`/`pageSize`, and a
 * member GET omits `id` and prefixes the role with `ws-`.
 * Choices where the docs are silent: a second invite for an email with one pending is accepted
 * and makes a twin (the harsher behaviour, so tests prove the client looks up before re-sending;
 * `/_emulator/duplicates` reports it); an invite for an existing user and adding an existing
 * member answer 409 AB07; an unknown user 404 AB08.
 */
import { z } from "zod";
import { conflict, invalid } from "../errors";
import { hex, uuid } from "../ids";
import type { JsonObject } from "../json";
import { parse, type Route, route } from "../router";
import { findMember, findUserByEmail, invite, member, refreshInviteStatus, sameEmail, user } from "../state/members";
import type { InviteRecord, MemberRecord, UserRecord } from "../state/records";
import type { Store } from "../state/store";
import { listEnvelope } from "./shared";

const INVITE_DAYS = 7;
const workspaceRole = z.enum(["admin", "manager", "member"]);

const inviteBody = z.object({
  email: z.string().regex(/^[^@\s]+@[^@\s]+$/, "must be an email address"),
  role: z.enum(["admin", "member"]),
  workspaces: z.array(z.object({ id: z.string().min(1), role: workspaceRole })).optional(),
  workspace_api_key_details: z.looseObject({ scopes: z.array(z.string()).optional() }).nullable().optional(),
});
const addMembersBody = z.object({ users: z.array(z.object({ id: z.string().min(1), role: workspaceRole })).min(1) });
const roleBody = z.object({ role: workspaceRole });
const orgRoleBody = z.object({ role: z.enum(["admin", "member"]) });

export function userView(record: UserRecord): JsonObject {
  return { object: "user", ...record };
}

function inviteView(record: InviteRecord, store: Store): JsonObject {
  const { workspaces, ...rest } = record;
  return {
    object: "invite",
    ...rest,
    // Invites name workspaces by slug; roles read back prefixed like member roles.
    workspaces: workspaces.map((grant) => ({ id: store.findWorkspace(grant.workspace_id)?.slug ?? grant.workspace_id, role: `ws-${grant.role}` })),
  };
}

function memberFields(record: MemberRecord, store: Store): JsonObject {
  const person = store.state.users.find((item) => item.id === record.user_id);
  return { email: person?.email ?? null, first_name: person?.first_name ?? null, last_name: person?.last_name ?? null, created_at: record.created_at, last_updated_at: record.last_updated_at };
}

/** `/admin/users` takes camelCase paging; the shared envelope reads snake_case. */
function camelCasePaging(query: URLSearchParams): URLSearchParams {
  const mapped = new URLSearchParams();
  const page = query.get("currentPage");
  const size = query.get("pageSize");
  if (page !== null) mapped.set("current_page", page);
  if (size !== null) mapped.set("page_size", size);
  return mapped;
}

export const memberRoutes: Route[] = [
  route("GET", "/v1/admin/users", ({ query, store }) => {
    const email = query.get("email");
    const role = query.get("role");
    const items = store.state.users.filter((item) => (!email || sameEmail(item.email, email)) && (!role || item.role === role));
    return listEnvelope(items.map(userView), camelCasePaging(query));
  }),

  route("POST", "/v1/admin/users/invites", ({ body, store }) => {
    const input = parse(inviteBody, body);
    if (findUserByEmail(store, input.email)) throw conflict(`User with email ${input.email} already exists in the organisation; add them to workspaces instead of inviting.`);
    const workspaces = (input.workspaces ?? []).map((grant) => ({ workspace_id: store.workspace(grant.id).id, role: grant.role }));
    const at = store.nowIso();
    const record: InviteRecord = {
      id: uuid(),
      email: input.email,
      role: input.role,
      status: "pending",
      workspaces,
      created_at: at,
      expires_at: new Date(store.clock().getTime() + INVITE_DAYS * 86_400_000).toISOString(),
      accepted_at: null,
    };
    store.state.invites.push(record);
    return { id: record.id, invite_link: `https://app.portkey.ai/invite/${hex(32)}` };
  }),

  route("GET", "/v1/admin/users/invites", ({ query, store }) => {
    const email = query.get("email");
    const role = query.get("role");
    const status = query.get("status");
    const items = store.state.invites
      .map((item) => refreshInviteStatus(store, item))
      .filter((item) => (!email || sameEmail(item.email, email)) && (!role || item.role === role) && (!status || item.status === status));
    return listEnvelope(
      items.map((item) => inviteView(item, store)),
      query,
    );
  }),

  route("GET", "/v1/admin/users/invites/:id", ({ params, store }) => inviteView(refreshInviteStatus(store, invite(store, params.id)), store)),

  route("DELETE", "/v1/admin/users/invites/:id", ({ params, store }) => {
    const record = invite(store, params.id);
    store.state.invites = store.state.invites.filter((item) => item !== record);
    return {};
  }),

  route("GET", "/v1/admin/users/:id", ({ params, store }) => userView(user(store, params.id))),

  route("PUT", "/v1/admin/users/:id", ({ params, body, store }) => {
    const record = user(store, params.id);
    const input = parse(orgRoleBody, body);
    if (record.role === "owner") throw invalid("role: the organisation owner's role cannot be changed.");
    record.role = input.role;
    record.last_updated_at = store.nowIso();
    return {};
  }),

  route("DELETE", "/v1/admin/users/:id", ({ params, store }) => {
    const record = user(store, params.id);
    store.state.users = store.state.users.filter((item) => item !== record);
    store.state.members = store.state.members.filter((item) => item.user_id !== record.id);
    return {};
  }),

  route("POST", "/v1/admin/workspaces/:ws/users", ({ params, body, store }) => {
    const workspace = store.workspace(params.ws);
    const input = parse(addMembersBody, body);
    for (const entry of input.users) {
      user(store, entry.id);
      if (findMember(store, workspace.id, entry.id)) throw conflict(`User ${JSON.stringify(entry.id)} is already a member of this workspace.`);
    }
    const at = store.nowIso();
    for (const entry of input.users) store.state.members.push({ workspace_id: workspace.id, user_id: entry.id, role: entry.role, created_at: at, last_updated_at: at });
    return {};
  }),

  route("GET", "/v1/admin/workspaces/:ws/users", ({ params, query, store }) => {
    const workspace = store.workspace(params.ws);
    const email = query.get("email");
    const role = query.get("role");
    const emailOf = (item: MemberRecord) => store.state.users.find((person) => person.id === item.user_id)?.email;
    const items = store.state.members.filter((item) => {
      const address = emailOf(item);
      return item.workspace_id === workspace.id && (!role || item.role === role) && (!email || (address !== undefined && sameEmail(address, email)));
    });
    return listEnvelope(
      items.map((item) => ({ id: item.user_id, role: item.role, ...memberFields(item, store) })),
      query,
    );
  }),

  // The quirk (§1.7 #11): no `id`, and the role prefixed with `ws-`.
  route("GET", "/v1/admin/workspaces/:ws/users/:userId", ({ params, store }) => {
    const record = member(store, store.workspace(params.ws).id, params.userId);
    return { object: "workspace-member", role: `ws-${record.role}`, ...memberFields(record, store) };
  }),

  route("PUT", "/v1/admin/workspaces/:ws/users/:userId", ({ params, body, store }) => {
    const record = member(store, store.workspace(params.ws).id, params.userId);
    const input = parse(roleBody, body);
    // Live Portkey refuses an update to the role the member already has (fact sheet §1.3).
    if (record.role === input.role) throw invalid(`role: user already has the role ${input.role} in this workspace.`);
    record.role = input.role;
    record.last_updated_at = store.nowIso();
    return {};
  }),

  route("DELETE", "/v1/admin/workspaces/:ws/users/:userId", ({ params, store }) => {
    const record = member(store, store.workspace(params.ws).id, params.userId);
    store.state.members = store.state.members.filter((item) => item !== record);
    return {};
  }),
];
