/** `/integrations`: CRUD, workspace access and model provisioning (fact sheet §3). */
import { createIdempotently } from "../create-idempotently";
import { listAllPages } from "../paginate";
import { readBackAdopted, readBackOrUndo } from "../read-back-or-undo";
import { parseInput, type ResourceContext, seg } from "../resource-context";
import { ignoredBody } from "../schemas/common";
import {
  type CreateIntegrationInput,
  createIntegrationInput,
  type Integration,
  type IntegrationModels,
  type IntegrationWorkspaces,
  integration,
  integrationCreated,
  integrationModels,
  integrationWorkspaces,
  type PutIntegrationModelsInput,
  type PutIntegrationWorkspacesInput,
  putIntegrationModelsInput,
  putIntegrationWorkspacesInput,
  type UpdateIntegrationInput,
  updateIntegrationInput,
} from "../schemas/integrations";
import { type CallOptions, newestNamed, unlessNotFound, type WriteOnly, type WriteOptions } from "./shared";

export interface ListIntegrationsFilter {
  readonly workspace_id?: string;
  readonly type?: "workspace" | "organisation" | "all";
}

export class IntegrationsApi {
  constructor(private readonly ctx: ResourceContext) {}

  /** Create (or adopt after an ambiguous failure) and return the fresh object. */
  async create(input: CreateIntegrationInput, options: CallOptions = {}): Promise<Integration> {
    const body = parseInput(this.ctx, createIntegrationInput, input, "integrations.create", "POST", "/integrations");
    this.registerSecrets(body);
    const slug = body.slug;
    const outcome = await createIdempotently(this.ctx.transport, {
      what: `integration "${slug ?? body.name}"`,
      request: { method: "POST", path: "/integrations", body, schema: integrationCreated, signal: options.signal },
      clientChosenKey: slug !== undefined,
      findExisting: async (signal) =>
        slug !== undefined
          ? unlessNotFound(this.get(slug, { signal }))
          : newestNamed(await this.list({ workspace_id: body.workspace_id }, { signal }), body.name),
    });
    const createdSlug = outcome.adopted ? outcome.existing.slug : (outcome.created.slug ?? slug);
    if (createdSlug === undefined) {
      throw this.ctx.transport.error({ kind: "invalid-response", method: "POST", path: "/integrations", message: "Portkey API POST /integrations answered without a slug; cannot read the new integration back." });
    }
    if (outcome.adopted) return readBackAdopted(this.ctx.transport, `integration "${createdSlug}"`, () => this.get(createdSlug, options));
    return readBackOrUndo(this.ctx.transport, `integration "${createdSlug}"`, () => this.get(createdSlug, options), () => this.delete(createdSlug));
  }

  async get(slug: string, options: CallOptions = {}): Promise<Integration> {
    return this.ctx.transport.send({ method: "GET", path: `/integrations/${seg(slug)}`, schema: integration, signal: options.signal });
  }

  async list(filter: ListIntegrationsFilter = {}, options: CallOptions = {}): Promise<Integration[]> {
    return listAllPages(this.ctx.transport, { path: "/integrations", query: { ...filter }, item: integration, pageSize: this.ctx.pageSize, signal: options.signal });
  }

  /** PUT answers `{}`: the fresh object is read back. */
  async update(slug: string, input: UpdateIntegrationInput, options: CallOptions = {}): Promise<Integration> {
    const path = `/integrations/${seg(slug)}`;
    const body = parseInput(this.ctx, updateIntegrationInput, input, "integrations.update", "PUT", path);
    this.registerSecrets(body);
    await this.ctx.transport.send({ method: "PUT", path, body, schema: ignoredBody, signal: options.signal });
    return this.get(slug, options);
  }

  async delete(slug: string, options: CallOptions = {}): Promise<void> {
    await this.ctx.transport.send({ method: "DELETE", path: `/integrations/${seg(slug)}`, schema: ignoredBody, signal: options.signal });
  }

  /** Which workspaces may use the integration. Entry ids are usually workspace slugs. */
  async listWorkspaces(slug: string, options: CallOptions = {}): Promise<IntegrationWorkspaces> {
    return this.ctx.transport.send({ method: "GET", path: `/integrations/${seg(slug)}/workspaces`, schema: integrationWorkspaces, signal: options.signal });
  }

  /** Bulk upsert of workspace access; "revoke" is `enabled: false`. Returns the fresh listing unless `readBack: false`. */
  putWorkspaces(slug: string, input: PutIntegrationWorkspacesInput, options: WriteOnly): Promise<undefined>;
  putWorkspaces(slug: string, input: PutIntegrationWorkspacesInput, options?: WriteOptions): Promise<IntegrationWorkspaces>;
  async putWorkspaces(slug: string, input: PutIntegrationWorkspacesInput, options: WriteOptions = {}): Promise<IntegrationWorkspaces | undefined> {
    const path = `/integrations/${seg(slug)}/workspaces`;
    const body = parseInput(this.ctx, putIntegrationWorkspacesInput, input, "integrations.putWorkspaces", "PUT", path);
    await this.ctx.transport.send({ method: "PUT", path, body, schema: ignoredBody, signal: options.signal });
    return options.readBack === false ? undefined : this.listWorkspaces(slug, options);
  }

  async getModels(slug: string, options: CallOptions = {}): Promise<IntegrationModels> {
    return this.ctx.transport.send({ method: "GET", path: `/integrations/${seg(slug)}/models`, schema: integrationModels, signal: options.signal });
  }

  /** Bulk upsert of model access. Returns the fresh listing unless `readBack: false`. */
  putModels(slug: string, input: PutIntegrationModelsInput, options: WriteOnly): Promise<undefined>;
  putModels(slug: string, input: PutIntegrationModelsInput, options?: WriteOptions): Promise<IntegrationModels>;
  async putModels(slug: string, input: PutIntegrationModelsInput, options: WriteOptions = {}): Promise<IntegrationModels | undefined> {
    const path = `/integrations/${seg(slug)}/models`;
    const body = parseInput(this.ctx, putIntegrationModelsInput, input, "integrations.putModels", "PUT", path);
    await this.ctx.transport.send({ method: "PUT", path, body, schema: ignoredBody, signal: options.signal });
    return options.readBack === false ? undefined : this.getModels(slug, options);
  }

  /** Remove custom models (`?slugs=a,b`, the OAS/SDK form). Built-in models can only be disabled. */
  async deleteCustomModels(slug: string, modelSlugs: readonly string[], options: CallOptions = {}): Promise<void> {
    if (modelSlugs.length === 0) return;
    await this.ctx.transport.send({
      method: "DELETE",
      path: `/integrations/${seg(slug)}/models`,
      query: { slugs: modelSlugs.join(",") },
      schema: ignoredBody,
      signal: options.signal,
    });
  }

  /**
   * Only the secret parts of a key file: registering every string in it ("service_account",
   * the project id, the email) would scrub ordinary words out of later messages.
   */
  private registerSecrets(body: { key?: string; configurations?: Record<string, unknown> }): void {
    const secrets = this.ctx.transport.secrets;
    secrets.add(body.key);
    const keyFile = body.configurations?.vertex_service_account_json;
    if (typeof keyFile === "string") secrets.add(keyFile);
    else if (keyFile && typeof keyFile === "object") {
      const fields = keyFile as Record<string, unknown>;
      secrets.add(fields.private_key);
      secrets.add(fields.private_key_id);
      secrets.add(JSON.stringify(keyFile));
    }
  }
}
