/** `/configs` (fact sheet §8). Addressed by slug; every `config` change makes a new version. */
import { createIdempotently } from "../create-idempotently";
import { listAllPages } from "../paginate";
import { parseInput, type ResourceContext, seg } from "../resource-context";
import { readBackAdopted, readBackOrUndo } from "../read-back-or-undo";
import { ignoredBody } from "../schemas/common";
import { type Config, type CreateConfigInput, config, configCreated, createConfigInput, type UpdateConfigInput, updateConfigInput } from "../schemas/configs";
import { type CallOptions, newestNamed } from "./shared";

export class ConfigsApi {
  constructor(private readonly ctx: ResourceContext) {}

  async create(input: CreateConfigInput, options: CallOptions = {}): Promise<Config> {
    const parsed = parseInput(this.ctx, createConfigInput, input, "configs.create", "POST", "/configs");
    // Create speaks camelCase `isDefault` as 0/1 but reads back `is_default` (§1.7 #8).
    const body = {
      name: parsed.name,
      config: parsed.config,
      workspace_id: parsed.workspace_id,
      isDefault: parsed.is_default === undefined ? undefined : parsed.is_default ? 1 : 0,
    };
    const sameKey = {
      list: async (signal?: AbortSignal) => (await this.list({ workspace_id: parsed.workspace_id }, { signal })).filter((item) => item.name === parsed.name),
      idOf: (item: Config) => item.slug,
      remove: (slug: string) => this.delete(slug),
    };
    const byName = async (signal?: AbortSignal) => newestNamed(await sameKey.list(signal), parsed.name);
    const outcome = await createIdempotently(this.ctx.transport, {
      what: `config "${parsed.name}"`,
      request: { method: "POST", path: "/configs", body, schema: configCreated, signal: options.signal },
      clientChosenKey: false,
      sameKey,
      idOfCreated: (created) => created.slug,
    });
    if (outcome.adopted) return readBackAdopted(this.ctx.transport, `config "${parsed.name}"`, () => this.get(outcome.existing.slug, options));
    const created = outcome.created;
    // The OAS envelope carries only {id, version_id}: then find the slug by id.
    // An answer with neither (garbled) still made the config: the newest of its name is it.
    const listed = created.slug === undefined ? await this.list({ workspace_id: parsed.workspace_id }, options) : [];
    const slug = created.slug ?? (created.id === undefined ? newestNamed(listed, parsed.name) : listed.find((item) => item.id === created.id))?.slug;
    if (slug === undefined) {
      throw this.ctx.transport.error({ kind: "invalid-response", method: "POST", path: "/configs", message: `Portkey API POST /configs answered without a slug and the new config "${parsed.name}" is not in the list.` });
    }
    const relocate = async () => {
      const found = await byName(options.signal);
      return found && this.get(found.slug, options);
    };
    return readBackOrUndo(this.ctx.transport, `config "${parsed.name}"`, () => this.get(slug, options), () => this.delete(slug), relocate);
  }

  /** `config` is always an object here, whatever form the API sent. */
  async get(slug: string, options: CallOptions = {}): Promise<Config> {
    return this.ctx.transport.send({ method: "GET", path: `/configs/${seg(slug)}`, schema: config, signal: options.signal });
  }

  /** List items carry no `config` body; `get` one for that. */
  async list(filter: { readonly workspace_id?: string } = {}, options: CallOptions = {}): Promise<Config[]> {
    return listAllPages(this.ctx.transport, { path: "/configs", query: { ...filter }, item: config, pageSize: this.ctx.pageSize, signal: options.signal });
  }

  async update(slug: string, input: UpdateConfigInput, options: CallOptions = {}): Promise<Config> {
    const path = `/configs/${seg(slug)}`;
    const body = parseInput(this.ctx, updateConfigInput, input, "configs.update", "PUT", path);
    await this.ctx.transport.send({ method: "PUT", path, body, schema: ignoredBody, signal: options.signal });
    return this.get(slug, options);
  }

  async delete(slug: string, options: CallOptions = {}): Promise<void> {
    await this.ctx.transport.send({ method: "DELETE", path: `/configs/${seg(slug)}`, schema: ignoredBody, signal: options.signal });
  }

  /** Every version, each with its `config` object and `version_id`. */
  async versions(slug: string, options: CallOptions = {}): Promise<Config[]> {
    return listAllPages(this.ctx.transport, { path: `/configs/${seg(slug)}/versions`, item: config, pageSize: this.ctx.pageSize, signal: options.signal });
  }
}
