/**
 * `/api-keys` (fact sheet §6). The secret is returned only by create and rotate: it is
 * registered with the secret registry the moment it arrives.
 */
import { createIdempotently } from "../create-idempotently";
import { listAllPages } from "../paginate";
import { parseInput, type ResourceContext, seg } from "../resource-context";
import { readBackAdopted, readBackOrUndo } from "../read-back-or-undo";
import { type ApiKey, apiKey, apiKeySecret, type CreateApiKeyInput, createApiKeyInput, type RotateApiKeyInput, rotateApiKeyInput, type UpdateApiKeyInput, updateApiKeyInput } from "../schemas/api-keys";
import { ignoredBody } from "../schemas/common";
import { type CallOptions, newestNamed, type WriteOnly, type WriteOptions } from "./shared";

export interface CreatedApiKey {
  readonly apiKey: ApiKey;
  /**
   * The full secret. Undefined when the create was adopted after an ambiguous failure: the
   * answer carrying the secret was lost, so `rotate` the key to obtain a usable one.
   */
  readonly secret: string | undefined;
  readonly adopted: boolean;
}

export interface RotatedApiKey {
  readonly id: string;
  readonly secret: string;
  /** Until then the previous secret keeps working. */
  readonly key_transition_expires_at: string | undefined;
}

export class ApiKeysApi {
  constructor(private readonly ctx: ResourceContext) {}

  async create(input: CreateApiKeyInput, options: CallOptions = {}): Promise<CreatedApiKey> {
    const { type, sub_type: subType, ...body } = parseInput(this.ctx, createApiKeyInput, input, "apiKeys.create", "POST", "/api-keys");
    const path = `/api-keys/${type}/${subType}`;
    const sameKey = {
      list: async (signal?: AbortSignal) =>
        (await this.list({ workspace_id: body.workspace_id }, { signal })).filter((key) => key.type === type && key.sub_type === subType && key.name === body.name),
      idOf: (key: ApiKey) => String(key.id),
      remove: (id: string) => this.delete(id),
    };
    const findExisting = async (signal?: AbortSignal) => newestNamed(await sameKey.list(signal), body.name);
    const outcome = await createIdempotently(this.ctx.transport, {
      what: `API key "${body.name}"`,
      request: { method: "POST", path, body, schema: apiKeySecret, signal: options.signal },
      clientChosenKey: false,
      sameKey,
      idOfCreated: (created) => String(created.id),
    });
    if (outcome.adopted) return { apiKey: await readBackAdopted(this.ctx.transport, `API key "${body.name}"`, () => this.get(outcome.existing.id, options)), secret: undefined, adopted: true };
    const { id, key } = outcome.created;
    this.ctx.transport.secrets.add(key);
    let relocated = false;
    const relocate = async () => {
      const found = await findExisting(options.signal);
      relocated = found !== undefined;
      return found && this.get(found.id, options);
    };
    const read = await readBackOrUndo(this.ctx.transport, `API key "${body.name}"`, () => this.get(id, options), () => this.delete(id), relocate);
    // An answer whose id was wrong cannot vouch for its secret either: treat the key as adopted.
    if (relocated) return { apiKey: read, secret: undefined, adopted: true };
    return { apiKey: read, secret: key, adopted: false };
  }

  /** The `masked_key` is all a read returns of the secret. */
  async get(id: string, options: CallOptions = {}): Promise<ApiKey> {
    return this.ctx.transport.send({ method: "GET", path: `/api-keys/${seg(id)}`, schema: apiKey, signal: options.signal });
  }

  async list(filter: { readonly workspace_id?: string } = {}, options: CallOptions = {}): Promise<ApiKey[]> {
    return listAllPages(this.ctx.transport, { path: "/api-keys", query: { ...filter }, item: apiKey, pageSize: this.ctx.pageSize, signal: options.signal });
  }

  /**
   * Partial update; `null` clears a field. Returns the fresh key unless `readBack: false`.
   * Limits may read back stale for a moment (§1.7 #4).
   */
  update(id: string, input: UpdateApiKeyInput, options: WriteOnly): Promise<undefined>;
  update(id: string, input: UpdateApiKeyInput, options?: WriteOptions): Promise<ApiKey>;
  async update(id: string, input: UpdateApiKeyInput, options: WriteOptions = {}): Promise<ApiKey | undefined> {
    const path = `/api-keys/${seg(id)}`;
    const body = parseInput(this.ctx, updateApiKeyInput, input, "apiKeys.update", "PUT", path);
    await this.ctx.transport.send({ method: "PUT", path, body, schema: ignoredBody, signal: options.signal });
    return options.readBack === false ? undefined : this.get(id, options);
  }

  async delete(id: string, options: CallOptions = {}): Promise<void> {
    await this.ctx.transport.send({ method: "DELETE", path: `/api-keys/${seg(id)}`, schema: ignoredBody, signal: options.signal });
  }

  /**
   * Issue a new secret. Not re-sent after an ambiguous failure: a second rotation during the
   * transition window is refused, and the first one's secret would be lost either way.
   */
  async rotate(id: string, input: RotateApiKeyInput = {}, options: CallOptions = {}): Promise<RotatedApiKey> {
    const path = `/api-keys/${seg(id)}/rotate`;
    const body = parseInput(this.ctx, rotateApiKeyInput, input, "apiKeys.rotate", "POST", path);
    const outcome = await createIdempotently<{ id: string; key: string; key_transition_expires_at?: string }, never>(this.ctx.transport, {
      what: `rotation of API key ${id}`,
      request: { method: "POST", path, body, schema: apiKeySecret, signal: options.signal },
      clientChosenKey: false,
    });
    if (outcome.adopted) throw new Error("unreachable: rotation has no lookup to adopt from");
    this.ctx.transport.secrets.add(outcome.created.key);
    return { id: outcome.created.id, secret: outcome.created.key, key_transition_expires_at: outcome.created.key_transition_expires_at };
  }
}
