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

export async function workspaceLeftover(planned: { name: string }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  const all = await ctx.memory.listing("workspaces", () => ctx.client.workspaces.list({}, { signal: ctx.signal }));
  const what = `workspace "${planned.name}"`;
  const found = oneLeftover(
    ctx,
    what,
    all.filter((item) => item.name === planned.name && live(item.status)),
    (item) => item.id,
  );
  return found && { id: found.id, what, state: { id: found.id } };
}

export async function configLeftover(planned: { name: string; workspace_id: string | null }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  if (ctx.memory.isFresh(planned.workspace_id)) return undefined;
  const workspace = planned.workspace_id ?? undefined;
  const all = await ctx.memory.listing(`configs ${workspace ?? ""}`, () => ctx.client.configs.list({ workspace_id: workspace }, { signal: ctx.signal }));
  const what = `config "${planned.name}"${inWorkspace(planned.workspace_id)}`;
  const found = oneLeftover(
    ctx,
    what,
    all.filter((item) => item.name === planned.name && live(item.status)),
    (item) => item.slug,
  );
  return found && { id: found.slug, what, state: { slug: found.slug } };
}

export async function apiKeyLeftover(planned: { name: string; type: string | null; sub_type: string | null; workspace_id: string | null }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  if (ctx.memory.isFresh(planned.workspace_id)) return undefined;
  const workspace = planned.workspace_id ?? undefined;
  const all = await ctx.memory.listing(`api-keys ${workspace ?? ""}`, () => ctx.client.apiKeys.list({ workspace_id: workspace }, { signal: ctx.signal }));
  const what = `API key "${planned.name}"${inWorkspace(planned.workspace_id)}`;
  // A key someone made in the dashboard is never taken for one an apply left behind.
  const found = oneLeftover(
    ctx,
    what,
    all.filter((key) => key.name === planned.name && key.type === planned.type && key.sub_type === planned.sub_type && key.creation_mode !== "ui"),
    (key) => String(key.id),
  );
  return found && { id: String(found.id), what, state: { id: String(found.id) } };
}

type PolicyKind = "usageLimitsPolicies" | "rateLimitsPolicies";

export async function policyLeftover(kind: PolicyKind, planned: { name: string | null; workspace_id: string | null }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  const name = planned.name;
  if (name === null || ctx.memory.isFresh(planned.workspace_id)) return undefined;
  const workspace = planned.workspace_id ?? undefined;
  const api = ctx.client[kind];
  const all = await ctx.memory.listing(`${kind} ${workspace ?? ""}`, () => api.list({ workspace_id: workspace }, { signal: ctx.signal }));
  const what = `${kind === "usageLimitsPolicies" ? "usage-limits" : "rate-limits"} policy "${name}"${inWorkspace(planned.workspace_id)}`;
  const found = oneLeftover(
    ctx,
    what,
    all.filter((item) => item.name === name && live(item.status)),
    (item) => item.id,
  );
  return found && { id: found.id, what, state: { id: found.id } };
}

export async function virtualKeyLeftover(planned: { name: string; workspace_id: string | null }, ctx: Ctx): Promise<FoundLeftover | undefined> {
  if (ctx.memory.isFresh(planned.workspace_id)) return undefined;
  const workspace = planned.workspace_id ?? undefined;
  const all = await ctx.memory.listing(`virtual-keys ${workspace ?? ""}`, () => ctx.client.virtualKeys.list({ workspace_id: workspace }, { signal: ctx.signal }));
  const what = `virtual key "${planned.name}"${inWorkspace(planned.workspace_id)}`;
  const found = oneLeftover(
    ctx,
    what,
    all.filter((item) => item.name === planned.name && live(item.status)),
    (item) => item.slug,
  );
  return found && { id: found.slug, what, state: { slug: found.slug } };
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
  const all = await ctx.memory.listing(`providers ${workspace}`, () => ctx.client.providers.list(workspace, { signal: ctx.signal }));
  const found = oneLeftover(
    ctx,
    what,
    all.filter((item) => item.name === planned.name && live(item.status)),
    (item) => item.slug,
  );
  return found && { id: `${workspace}/${found.slug}`, what, state: { workspace_id: workspace, slug: found.slug } };
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
