/** `/virtual-keys` (fact sheet §5), the deprecated predecessor of providers. */
import { createIdempotently } from "../create-idempotently";
import { listAllPages } from "../paginate";
import { parseInput, type ResourceContext, seg } from "../resource-context";
import { readBackAdopted, readBackOrUndo } from "../read-back-or-undo";
import { ignoredBody } from "../schemas/common";
import { type CreateVirtualKeyInput, createVirtualKeyInput, type UpdateVirtualKeyInput, updateVirtualKeyInput, type VirtualKey, virtualKey, virtualKeyCreated } from "../schemas/virtual-keys";
import { type CallOptions, newestNamed } from "./shared";

export class VirtualKeysApi {
  constructor(private readonly ctx: ResourceContext) {}

  async create(input: CreateVirtualKeyInput, options: CallOptions = {}): Promise<VirtualKey> {
    const body = parseInput(this.ctx, createVirtualKeyInput, input, "virtualKeys.create", "POST", "/virtual-keys");
    this.registerSecrets(body);
    const outcome = await createIdempotently(this.ctx.transport, {
      what: `virtual key "${body.name}"`,
      request: { method: "POST", path: "/virtual-keys", body, schema: virtualKeyCreated, signal: options.signal },
      clientChosenKey: false,
      sameKey: {
        list: async (signal) => (await this.list({ workspace_id: body.workspace_id }, { signal })).filter((item) => item.name === body.name),
        idOf: (item) => item.slug,
        remove: (slug) => this.delete(slug),
      },
      idOfCreated: (created) => created.slug,
    });
    if (outcome.adopted) return readBackAdopted(this.ctx.transport, `virtual key "${body.name}"`, () => this.get(outcome.existing.slug, options));
    const slug = outcome.created.slug;
    const relocate = async () => {
      const found = newestNamed(await this.list({ workspace_id: body.workspace_id }, options), body.name);
      return found && this.get(found.slug, options);
    };
    return readBackOrUndo(this.ctx.transport, `virtual key "${body.name}"`, () => this.get(slug, options), () => this.delete(slug), relocate);
  }

  async get(slug: string, options: CallOptions = {}): Promise<VirtualKey> {
    return this.ctx.transport.send({ method: "GET", path: `/virtual-keys/${seg(slug)}`, schema: virtualKey, signal: options.signal });
  }

  async list(filter: { readonly workspace_id?: string } = {}, options: CallOptions = {}): Promise<VirtualKey[]> {
    return listAllPages(this.ctx.transport, { path: "/virtual-keys", query: { ...filter }, item: virtualKey, pageSize: this.ctx.pageSize, signal: options.signal });
  }

  async update(slug: string, input: UpdateVirtualKeyInput, options: CallOptions = {}): Promise<VirtualKey> {
    const path = `/virtual-keys/${seg(slug)}`;
    const body = parseInput(this.ctx, updateVirtualKeyInput, input, "virtualKeys.update", "PUT", path);
    this.registerSecrets(body);
    await this.ctx.transport.send({ method: "PUT", path, body, schema: ignoredBody, signal: options.signal });
    return this.get(slug, options);
  }

  async delete(slug: string, options: CallOptions = {}): Promise<void> {
    await this.ctx.transport.send({ method: "DELETE", path: `/virtual-keys/${seg(slug)}`, schema: ignoredBody, signal: options.signal });
  }

  private registerSecrets(body: { key?: string; awsSecretAccessKey?: string; vertexServiceAccountJson?: Record<string, unknown> }): void {
    const secrets = this.ctx.transport.secrets;
    secrets.add(body.key);
    secrets.add(body.awsSecretAccessKey);
    secrets.add(body.vertexServiceAccountJson);
  }
}
