/**
 * Per type, how to find an object a killed apply may have left (framework/leftovers.ts): by
 * the natural key a create would give it. Listings are taken once per process and key, and
 * skipped inside a workspace this process created itself (nothing in it can be older): a first
 * apply of a team stack pays one workspace listing, a later one a listing per type and workspace
 * where it creates something (docs/benchmarks.md, "Request budget").
 */
import type { PortkeyClient } from "../../portkey";
import { oneLeftover } from "../framework/leftovers";
import type { FoundLeftover, ResourceContext } from "../framework";
import { isNotFound } from "./gone";

type Ctx = ResourceContext<PortkeyClient>;

const inWorkspace = (workspaceId: string | null) => (workspaceId === null ? "" : ` in workspace ${workspaceId}`);
const live = (status: unknown) => status !== "archived";

/** A leftover found in a listing of its type (once per process and key), by natural key. */
interface Listed<T> {
  /** The listing's cache key, with the workspace: `configs`, `api-keys` … */
  readonly kind: string;
  readonly workspace: string | null;
  readonly list: (workspace: string | undefined) => Promise<T[]>;
  readonly what: string;
  readonly matches: (item: T) => boolean;
  readonly idOf: (item: T) => string;
  /** What `read` needs to find it, from its id. */
  readonly state: (id: string) => Record<string, unknown>;
  /** The import id, when it is not the id itself. */
  readonly importId?: (id: string) => string;
}

async function listedLeftover<T>(ctx: Ctx, spec: Listed<T>): Promise<FoundLeftover | undefined> {
  if (ctx.memory.isFresh(spec.workspace)) return undefined;
  const workspace = spec.workspace ?? undefined;
  const all = await ctx.memory.listing(`${spec.kind} ${workspace ?? ""}`, () => spec.list(workspace));
  const found = oneLeftover(ctx, spec.what, all.filter(spec.matches), spec.idOf);
  if (found === undefined) return undefined;
  const id = spec.idOf(found);
  return { id: spec.importId?.(id) ?? id, what: spec.what, state: spec.state(id) };
}

export function workspaceLeftover(planned: { name: string }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  return listedLeftover(ctx, {
    kind: "workspaces",
    workspace: null,
    list: () => ctx.client.workspaces.list({}, { signal: ctx.signal }),
    what: `workspace "${planned.name}"`,
    matches: (item) => item.name === planned.name && live(item.status),
    idOf: (item) => item.id,
    state: (id) => ({ id }),
  });
}

export function configLeftover(planned: { name: string; workspace_id: string | null }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  return listedLeftover(ctx, {
    kind: "configs",
    workspace: planned.workspace_id,
    list: (workspace) => ctx.client.configs.list({ workspace_id: workspace }, { signal: ctx.signal }),
    what: `config "${planned.name}"${inWorkspace(planned.workspace_id)}`,
    matches: (item) => item.name === planned.name && live(item.status),
    idOf: (item) => item.slug,
    state: (slug) => ({ slug }),
  });
}

export function apiKeyLeftover(planned: { name: string; type: string | null; sub_type: string | null; workspace_id: string | null }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  return listedLeftover(ctx, {
    kind: "api-keys",
    workspace: planned.workspace_id,
    list: (workspace) => ctx.client.apiKeys.list({ workspace_id: workspace }, { signal: ctx.signal }),
    what: `API key "${planned.name}"${inWorkspace(planned.workspace_id)}`,
    // A key someone made in the dashboard is never taken for one an apply left behind.
    matches: (key) => key.name === planned.name && key.type === planned.type && key.sub_type === planned.sub_type && key.creation_mode !== "ui",
    idOf: (key) => String(key.id),
    state: (id) => ({ id }),
  });
}

type PolicyKind = "usageLimitsPolicies" | "rateLimitsPolicies";

export async function policyLeftover(kind: PolicyKind, planned: { name: string | null; workspace_id: string | null }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  const name = planned.name;
  if (name === null) return undefined;
  const api = ctx.client[kind];
  return listedLeftover(ctx, {
    kind,
    workspace: planned.workspace_id,
    list: (workspace) => api.list({ workspace_id: workspace }, { signal: ctx.signal }),
    what: `${kind === "usageLimitsPolicies" ? "usage-limits" : "rate-limits"} policy "${name}"${inWorkspace(planned.workspace_id)}`,
    matches: (item) => item.name === name && live(item.status),
    idOf: (item) => item.id,
    state: (id) => ({ id }),
  });
}

export function virtualKeyLeftover(planned: { name: string; workspace_id: string | null }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  return listedLeftover(ctx, {
    kind: "virtual-keys",
    workspace: planned.workspace_id,
    list: (workspace) => ctx.client.virtualKeys.list({ workspace_id: workspace }, { signal: ctx.signal }),
    what: `virtual key "${planned.name}"${inWorkspace(planned.workspace_id)}`,
    matches: (item) => item.name === planned.name && live(item.status),
    idOf: (item) => item.slug,
    state: (slug) => ({ slug }),
  });
}

/** A client-chosen slug is unique: one GET says whether it is taken. */
export async function integrationLeftover(planned: { slug: string }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  if (ctx.memory.isHandled(ctx.typeName, planned.slug)) return undefined;
  const found = await notFoundAsUndefined(ctx.client.integrations.get(planned.slug, { signal: ctx.signal }));
  return found && { id: planned.slug, what: `integration "${planned.slug}"`, state: { slug: planned.slug } };
}

export async function providerLeftover(planned: { name: string; slug: string | null; workspace_id: string; integration_id: string }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  // The provider Portkey makes when an integration is enabled for a workspace has its own adoption (provider.ts).
  if (planned.slug === planned.integration_id || ctx.memory.isFresh(planned.workspace_id)) return undefined;
  const workspace = planned.workspace_id;
  const what = `provider "${planned.slug ?? planned.name}" in workspace ${workspace}`;
  if (planned.slug !== null) {
    if (ctx.memory.isHandled(ctx.typeName, planned.slug)) return undefined;
    const found = await notFoundAsUndefined(ctx.client.providers.get(planned.slug, workspace, { signal: ctx.signal }));
    return found && { id: `${workspace}/${planned.slug}`, what, state: { workspace_id: workspace, slug: planned.slug } };
  }
  return listedLeftover(ctx, {
    kind: "providers",
    workspace,
    list: () => ctx.client.providers.list(workspace, { signal: ctx.signal }),
    what,
    matches: (item) => item.name === planned.name && live(item.status),
    idOf: (item) => item.slug,
    state: (slug) => ({ workspace_id: workspace, slug }),
    importId: (slug) => `${workspace}/${slug}`,
  });
}

/** Only a definite 404 (AB08) means "not there"; anything else stops the create (a scope, a proxy). */
async function notFoundAsUndefined<T>(pending: Promise<T>): Promise<T | undefined> {
  try {
    return await pending;
  } catch (error) {
    // Duck-typed: the client is a chunk of its own in the bundle, with its own error class.
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
