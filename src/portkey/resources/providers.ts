/**
 * `/providers` (fact sheet §4). `workspace_id` travels in the query on GET/PUT/DELETE and in the
 * body on POST/PUT (sources disagree, so PUT sends both).
 */
import { createIdempotently } from "../create-idempotently";
import { listAllPages } from "../paginate";
import { readBackAdopted, readBackOrUndo } from "../read-back-or-undo";
import { parseInput, type ResourceContext, seg } from "../resource-context";
import { ignoredBody } from "../schemas/common";
import { type CreateProviderInput, createProviderInput, type Provider, provider, providerCreated, type UpdateProviderInput, updateProviderInput } from "../schemas/providers";
import { type CallOptions, newestNamed, unlessNotFound } from "./shared";

export class ProvidersApi {
  constructor(private readonly ctx: ResourceContext) {}

  async create(input: CreateProviderInput, options: CallOptions = {}): Promise<Provider> {
    const body = parseInput(this.ctx, createProviderInput, input, "providers.create", "POST", "/providers");
    const { slug, workspace_id: workspaceId } = body;
    const outcome = await createIdempotently(this.ctx.transport, {
      what: `provider "${slug ?? body.name}"`,
      request: { method: "POST", path: "/providers", body, schema: providerCreated, signal: options.signal },
      clientChosenKey: slug !== undefined,
      // A client-chosen slug is unique: no twin can exist. Without one, the name is the key.
      ...(slug !== undefined
        ? { findExisting: (signal?: AbortSignal) => unlessNotFound(this.get(slug, workspaceId, { signal })) }
        : {
            sameKey: {
              list: async (signal?: AbortSignal) => (await this.list(workspaceId, { signal })).filter((item) => item.name === body.name),
              idOf: (item: Provider) => item.id,
              remove: (id: string) => this.delete(id, workspaceId),
            },
            idOfCreated: (created: { id?: string }) => created.id,
          }),
    });
    const handle = outcome.adopted ? outcome.existing.id : (outcome.created.id ?? outcome.created.slug ?? slug);
    if (handle === undefined) {
      throw this.ctx.transport.error({ kind: "invalid-response", method: "POST", path: "/providers", message: "Portkey API POST /providers answered without an id or slug; cannot read the new provider back." });
    }
    if (outcome.adopted) return readBackAdopted(this.ctx.transport, `provider "${slug ?? body.name}"`, () => this.get(handle, workspaceId, options));
    // A provider left behind by a failed read-back would make the next apply's create meet 409 AB07.
    const relocate = async () => {
      const found = slug !== undefined ? await unlessNotFound(this.get(slug, workspaceId, options)) : newestNamed(await this.list(workspaceId, options), body.name);
      return found && this.get(found.id, workspaceId, options);
    };
    return readBackOrUndo(this.ctx.transport, `provider "${slug ?? body.name}"`, () => this.get(handle, workspaceId, options), () => this.delete(handle, workspaceId), relocate);
  }

  /** `idOrSlug`: the UUID from create or the slug; `workspaceId`: the workspace UUID. */
  async get(idOrSlug: string, workspaceId: string, options: CallOptions = {}): Promise<Provider> {
    return this.ctx.transport.send({ method: "GET", path: `/providers/${seg(idOrSlug)}`, query: { workspace_id: workspaceId }, schema: provider, signal: options.signal });
  }

  async list(workspaceId: string, options: CallOptions = {}): Promise<Provider[]> {
    return listAllPages(this.ctx.transport, { path: "/providers", query: { workspace_id: workspaceId }, item: provider, pageSize: this.ctx.pageSize, signal: options.signal });
  }

  async update(idOrSlug: string, workspaceId: string, input: UpdateProviderInput, options: CallOptions = {}): Promise<Provider> {
    const path = `/providers/${seg(idOrSlug)}`;
    const body = parseInput(this.ctx, updateProviderInput, input, "providers.update", "PUT", path);
    await this.ctx.transport.send({ method: "PUT", path, query: { workspace_id: workspaceId }, body: { ...body, workspace_id: workspaceId }, schema: ignoredBody, signal: options.signal });
    return this.get(idOrSlug, workspaceId, options);
  }

  async delete(idOrSlug: string, workspaceId: string, options: CallOptions = {}): Promise<void> {
    await this.ctx.transport.send({ method: "DELETE", path: `/providers/${seg(idOrSlug)}`, query: { workspace_id: workspaceId }, schema: ignoredBody, signal: options.signal });
  }
}
