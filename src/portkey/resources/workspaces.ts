/** `/admin/workspaces` (fact sheet §7.1). Names read back with an icon emoji prefix, stripped here. */
import { z } from "zod";
import { createIdempotently } from "../create-idempotently";
import { listAllPages } from "../paginate";
import { parseInput, type ResourceContext, seg } from "../resource-context";
import { readBackOrUndo } from "../read-back-or-undo";
import { ignoredBody, opt, text } from "../schemas/common";
import { type CreateWorkspaceInput, createWorkspaceInput, stripIconPrefix, type UpdateWorkspaceInput, updateWorkspaceInput, type Workspace, workspace } from "../schemas/workspaces";
import { type CallOptions, newestNamed } from "./shared";

const workspaceCreated = z.object({ id: text, slug: opt(z.string()) });

export interface ListWorkspacesFilter {
  /** Case-sensitive server-side name filter. */
  readonly name?: string;
  readonly status?: string;
}

export interface DeleteWorkspaceOptions extends CallOptions {
  /** Cascade to the workspace's providers, configs and keys; without it the API answers 409/AB07 when any exist. */
  readonly forceDelete?: boolean;
  /** The current name (read from the API when omitted). */
  readonly name?: string;
}

export class WorkspacesApi {
  constructor(private readonly ctx: ResourceContext) {}

  async create(input: CreateWorkspaceInput, options: CallOptions = {}): Promise<Workspace> {
    const body = parseInput(this.ctx, createWorkspaceInput, input, "workspaces.create", "POST", "/admin/workspaces");
    const name = stripIconPrefix(body.name);
    const outcome = await createIdempotently(this.ctx.transport, {
      what: `workspace "${name}"`,
      request: { method: "POST", path: "/admin/workspaces", body, schema: workspaceCreated, signal: options.signal },
      clientChosenKey: false,
      findExisting: async (signal) => newestNamed(await this.list({}, { signal }), name),
    });
    if (outcome.adopted) return this.get(outcome.existing.id, options);
    const id = outcome.created.id;
    return readBackOrUndo(this.ctx.transport, `workspace "${name}"`, () => this.get(id, options), () => this.delete(id, { name, forceDelete: true }));
  }

  /** `id`: UUID or `ws-...` slug. */
  async get(id: string, options: CallOptions = {}): Promise<Workspace> {
    return this.ctx.transport.send({ method: "GET", path: `/admin/workspaces/${seg(id)}`, schema: workspace, signal: options.signal });
  }

  async list(filter: ListWorkspacesFilter = {}, options: CallOptions = {}): Promise<Workspace[]> {
    return listAllPages(this.ctx.transport, { path: "/admin/workspaces", query: { ...filter }, item: workspace, pageSize: this.ctx.pageSize, signal: options.signal });
  }

  /** Limits may read back stale right after the PUT (§1.7 #4). */
  async update(id: string, input: UpdateWorkspaceInput, options: CallOptions = {}): Promise<Workspace> {
    const path = `/admin/workspaces/${seg(id)}`;
    const body = parseInput(this.ctx, updateWorkspaceInput, input, "workspaces.update", "PUT", path);
    await this.ctx.transport.send({ method: "PUT", path, body, schema: ignoredBody, signal: options.signal });
    return this.get(id, options);
  }

  /** DELETE carries a JSON body `{name, force_delete}`; the name must not carry the icon emoji. */
  async delete(id: string, options: DeleteWorkspaceOptions = {}): Promise<void> {
    const name = stripIconPrefix(options.name ?? (await this.get(id, options)).name);
    await this.ctx.transport.send({
      method: "DELETE",
      path: `/admin/workspaces/${seg(id)}`,
      body: { name, force_delete: options.forceDelete ?? false },
      schema: ignoredBody,
      signal: options.signal,
    });
  }
}
