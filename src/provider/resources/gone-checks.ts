/**
 * One `GoneCheck` per object type (gone.ts): the single listing that confirms an object answered
 * 403 AB03 / a bare 404 is really gone, and the scopes to name when it is not. Listings run only
 * on that unusual path. Scope names: portkey-admin-api.md §6.4.
 */
import type { PortkeyClient } from "../../portkey";
import type { GoneCheck } from "./gone";

type Action = "read" | "delete" | "update";

interface Listed {
  readonly id?: string;
  readonly slug?: string | null;
  readonly status?: string | null;
}

/** "listed" when an item names the object and is not archived (Portkey's soft delete). */
function find(items: readonly Listed[], refs: readonly (string | null | undefined)[]): "listed" | "absent" {
  const wanted = refs.filter((ref): ref is string => typeof ref === "string" && ref !== "");
  const item = items.find((candidate) => wanted.some((ref) => candidate.id === ref || candidate.slug === ref));
  return item === undefined || item.status === "archived" ? "absent" : "listed";
}

/** Is the workspace gone: not in the workspaces listing, or archived there? */
async function workspaceGone(client: PortkeyClient, workspaceId: string, signal: AbortSignal): Promise<boolean> {
  return find(await client.workspaces.list({}, { signal }), [workspaceId]) === "absent";
}

const parentWorkspace = (client: PortkeyClient, workspaceId: string | null | undefined, signal: AbortSignal) =>
  workspaceId ? () => workspaceGone(client, workspaceId, signal) : undefined;

export function workspaceCheck(client: PortkeyClient, id: string, action: Action, signal: AbortSignal): GoneCheck {
  return {
    what: `workspace "${id}"`,
    scope: `workspaces.${action}`,
    listScope: "workspaces.list",
    listing: async () => find(await client.workspaces.list({}, { signal }), [id]),
  };
}

export function configCheck(client: PortkeyClient, slug: string, workspaceId: string | null | undefined, action: Action, signal: AbortSignal): GoneCheck {
  return {
    what: `config "${slug}"`,
    scope: `configs.${action}`,
    listScope: "configs.list",
    listing: async () => find(await client.configs.list(workspaceId ? { workspace_id: workspaceId } : {}, { signal }), [slug]),
    parentGone: parentWorkspace(client, workspaceId, signal),
  };
}

export function apiKeyCheck(
  client: PortkeyClient,
  key: { id: string; type?: string | null; sub_type?: string | null; workspace_id?: string | null },
  action: Action,
  signal: AbortSignal,
): GoneCheck {
  const family = `${key.type === "organisation" ? "organisation" : "workspace"}_${key.sub_type === "user" ? "user" : "service"}_api_keys`;
  return {
    what: `API key "${key.id}"`,
    scope: `${family}.${action}`,
    listScope: `${family}.list`,
    listing: async () => find(await client.apiKeys.list(key.workspace_id ? { workspace_id: key.workspace_id } : {}, { signal }), [key.id]),
    parentGone: parentWorkspace(client, key.workspace_id, signal),
  };
}

export function policyCheck(
  client: PortkeyClient,
  kind: "usage-limits" | "rate-limits",
  id: string,
  workspaceId: string | null | undefined,
  action: Action,
  signal: AbortSignal,
): GoneCheck {
  const policies = kind === "usage-limits" ? client.usageLimitsPolicies : client.rateLimitsPolicies;
  return {
    what: `${kind} policy "${id}"`,
    scope: `policies.${action}`,
    listScope: "policies.list",
    // Portkey's listing holds active policies by default: an archived (deleted) one is absent.
    listing: async () => find(await policies.list(workspaceId ? { workspace_id: workspaceId } : {}, { signal }), [id]),
    parentGone: parentWorkspace(client, workspaceId, signal),
  };
}

export function providerCheck(client: PortkeyClient, ref: { id?: string | null; slug?: string | null }, workspaceId: string, action: Action, signal: AbortSignal): GoneCheck {
  return {
    what: `provider "${ref.slug ?? ref.id}" in workspace "${workspaceId}"`,
    scope: `providers.${action}`,
    listScope: "providers.list",
    listing: async () => find(await client.providers.list(workspaceId, { signal }), [ref.id, ref.slug]),
    parentGone: parentWorkspace(client, workspaceId, signal),
  };
}

export function virtualKeyCheck(client: PortkeyClient, slug: string, workspaceId: string | null | undefined, action: Action, signal: AbortSignal): GoneCheck {
  return {
    what: `virtual key "${slug}"`,
    scope: `virtual_keys.${action}`,
    listScope: "virtual_keys.list",
    listing: async () => find(await client.virtualKeys.list(workspaceId ? { workspace_id: workspaceId } : {}, { signal }), [slug]),
    parentGone: parentWorkspace(client, workspaceId, signal),
  };
}

/**
 * An integration, or something that lives on it (its workspace access, its model allow-list):
 * those are gone when the integration is.
 */
export function integrationCheck(
  client: PortkeyClient,
  slug: string,
  workspaceId: string | null | undefined,
  action: Action,
  signal: AbortSignal,
  part?: string,
): GoneCheck {
  const family = workspaceId ? "workspace_integrations" : "organisation_integrations";
  return {
    what: part ? `${part} of integration "${slug}"` : `integration "${slug}"`,
    scope: `${family}.${action}`,
    listScope: `${family}.list`,
    listing: async () => find(await client.integrations.list(workspaceId ? { workspace_id: workspaceId } : {}, { signal }), [slug]),
    parentGone: parentWorkspace(client, workspaceId, signal),
  };
}

/** An invite: listed among the org's invites (by email when known, to keep the listing short). */
export function inviteCheck(client: PortkeyClient, id: string, email: string | null | undefined, action: Action, signal: AbortSignal): GoneCheck {
  return {
    what: `invite "${id}"${email ? ` for ${email}` : ""}`,
    scope: `organisation_users.${action}`,
    listScope: "organisation_users.list",
    listing: async () => find(await client.invites.list(email ? { email } : {}, { signal }), [id]),
  };
}

/** A workspace membership: the user listed among the workspace's members; gone with the workspace. */
export function memberCheck(client: PortkeyClient, workspaceId: string, userId: string, action: Action, signal: AbortSignal): GoneCheck {
  return {
    what: `membership of user "${userId}" in workspace "${workspaceId}"`,
    scope: `workspace_users.${action}`,
    listScope: "workspace_users.list",
    listing: async () => find(await client.workspaceMembers.list(workspaceId, {}, { signal }), [userId]),
    parentGone: parentWorkspace(client, workspaceId, signal),
  };
}
