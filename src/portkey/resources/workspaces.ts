/** `/admin/workspaces` (fact sheet §7.1). Names read back with an icon emoji prefix, stripped here. */
import * as z from "zod/v4";
import { createIdempotently } from "../create-idempotently";
import { listAllPages } from "../paginate";
import { parseInput, type ResourceContext, seg } from "../resource-context";
import { readBackAdopted, readBackOrUndo } from "../read-back-or-undo";
import { ignoredBody, opt, text } from "../schemas/common";
import { type CreateWorkspaceInput, createWorkspaceInput, stripIconPrefix, type UpdateWorkspaceInput, updateWorkspaceInput, type Workspace, workspace } from "../schemas/workspaces";
import { type CallOptions, newestNamed } from "./shared";

/** The create's answer: live it is the full workspace (§7.1); only the id is relied on. */
const workspaceCreated = z.looseObject({ id: text, slug: opt(z.string()) });

/** Fields a create answer must carry to stand in for the read-back (a bare `{id, slug}` does not). */
const FULL_OBJECT_FIELDS = ["name", "defaults", "usage_limits", "rate_limits"] as const;

/** The create's answer as a workspace, when it is the full object; undefined otherwise. */
function fullWorkspace(answer: Record<string, unknown>): Workspace | undefined {
  if (!FULL_OBJECT_FIELDS.every((field) => field in answer)) return undefined;
  const parsed = workspace.safeParse(answer);
  return parsed.success ? parsed.data : undefined;
}

/** A workspace's two identifiers; either addresses it (§7.1). */
export interface WorkspaceIdentity {
  /** UUID live. */
  readonly id: string;
  /** `ws-…`; undefined when the API answered none. */
  readonly slug: string | undefined;
}

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
  /**
   * Every id↔slug pair seen in an answer, under both keys. A workspace's id and slug never
   * change (the update takes neither), so a pair stays true for the life of the client.
   */
  private readonly identities = new Map<string, WorkspaceIdentity>();

  constructor(private readonly ctx: ResourceContext) {}

  async create(input: CreateWorkspaceInput, options: CallOptions = {}): Promise<Workspace> {
    const body = parseInput(this.ctx, createWorkspaceInput, input, "workspaces.create", "POST", "/admin/workspaces");
    const name = stripIconPrefix(body.name);
    const outcome = await createIdempotently(this.ctx.transport, {
      what: `workspace "${name}"`,
      request: { method: "POST", path: "/admin/workspaces", body, schema: workspaceCreated, signal: options.signal },
      clientChosenKey: false,
      sameKey: {
        list: async (signal) => (await this.list({}, { signal })).filter((item) => item.name === name),
        idOf: (item) => item.id,
        remove: (id) => this.delete(id, { name, forceDelete: true }),
      },
      idOfCreated: (created) => created.id,
    });
    if (outcome.adopted) return readBackAdopted(this.ctx.transport, `workspace "${name}"`, () => this.get(outcome.existing.id, options));
    // The POST answers with the full workspace (§7.1): read back only when it did not.
    const answered = fullWorkspace(outcome.created);
    if (answered) return this.remember(answered);
    const id = outcome.created.id;
    const relocate = async () => {
      const found = newestNamed(await this.list({}, options), name);
      return found && this.get(found.id, options);
    };
    return readBackOrUndo(this.ctx.transport, `workspace "${name}"`, () => this.get(id, options), () => this.delete(id, { name, forceDelete: true }), relocate);
  }

  /** `id`: UUID or `ws-...` slug. */
  async get(id: string, options: CallOptions = {}): Promise<Workspace> {
    return this.remember(await this.ctx.transport.send({ method: "GET", path: `/admin/workspaces/${seg(id)}`, schema: workspace, signal: options.signal }));
  }

  async list(filter: ListWorkspacesFilter = {}, options: CallOptions = {}): Promise<Workspace[]> {
    const items = await listAllPages(this.ctx.transport, { path: "/admin/workspaces", query: { ...filter }, item: workspace, pageSize: this.ctx.pageSize, signal: options.signal });
    for (const item of items) this.remember(item);
    return items;
  }

  /**
   * Id and slug of the workspace `idOrSlug` names (listings such as integration access name
   * workspaces by slug, §1.7 #3). No request for a workspace this client has already seen in
   * an answer (created, read or listed); one GET otherwise.
   */
  async identify(idOrSlug: string, options: CallOptions = {}): Promise<WorkspaceIdentity> {
    const known = this.identities.get(idOrSlug);
    if (known) return known;
    const { id, slug } = await this.get(idOrSlug, options);
    return { id, slug };
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

  private remember(ws: Workspace): Workspace {
    const identity: WorkspaceIdentity = { id: ws.id, slug: ws.slug };
    this.identities.set(ws.id, identity);
    if (ws.slug !== undefined) this.identities.set(ws.slug, identity);
    return ws;
  }
}
