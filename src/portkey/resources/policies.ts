/** `/policies/usage-limits` and `/policies/rate-limits` (fact sheet §7.2, §7.3). */
import type * as z from "zod/v4";
import { createIdempotently } from "../create-idempotently";
import { listAllPages } from "../paginate";
import { parseInput, type ResourceContext, seg } from "../resource-context";
import { readBackAdopted, readBackOrUndo } from "../read-back-or-undo";
import { ignoredBody } from "../schemas/common";
import {
  createRateLimitsPolicyInput,
  createUsageLimitsPolicyInput,
  policyCreated,
  rateLimitsPolicy,
  updateRateLimitsPolicyInput,
  type UsageLimitsEntity,
  updateUsageLimitsPolicyInput,
  usageLimitsEntity,
  usageLimitsPolicy,
} from "../schemas/policies";
import { type CallOptions, newestNamed } from "./shared";

export interface ListPoliciesFilter {
  readonly workspace_id?: string;
  /** @default "active" (server side) */
  readonly status?: string;
}

interface Named {
  readonly id: string;
  readonly name?: string;
  readonly created_at?: string;
}

interface PolicyShapes<CreateIn, CreateOut, UpdateIn, UpdateOut, Read> {
  readonly path: string;
  readonly label: string;
  readonly create: z.ZodType<CreateOut, CreateIn>;
  readonly update: z.ZodType<UpdateOut, UpdateIn>;
  readonly read: z.ZodType<Read>;
}

/** The same CRUD for both policy kinds; `delete` archives (soft delete). */
export class PoliciesApi<CreateIn, CreateOut extends { name?: string; workspace_id?: string }, UpdateIn, UpdateOut, Read extends Named> {
  constructor(
    private readonly ctx: ResourceContext,
    private readonly shapes: PolicyShapes<CreateIn, CreateOut, UpdateIn, UpdateOut, Read>,
  ) {}

  /** Without a `name` there is no natural key: an ambiguous failure is reported, not re-sent. */
  async create(input: CreateIn, options: CallOptions = {}): Promise<Read> {
    const { path, label } = this.shapes;
    const body = parseInput(this.ctx, this.shapes.create, input, `${label}.create`, "POST", path);
    const name = body.name;
    const outcome = await createIdempotently(this.ctx.transport, {
      what: `${label} "${name ?? "(unnamed)"}"`,
      request: { method: "POST", path, body, schema: policyCreated, signal: options.signal },
      clientChosenKey: false,
      sameKey:
        name === undefined
          ? undefined
          : {
              list: async (signal) => (await this.list({ workspace_id: body.workspace_id }, { signal })).filter((item) => item.name === name),
              idOf: (item) => item.id,
              remove: (id) => this.delete(id),
            },
      idOfCreated: (created) => created.id,
    });
    if (outcome.adopted) return readBackAdopted(this.ctx.transport, `${label} "${name ?? "(unnamed)"}"`, () => this.get(outcome.existing.id, options));
    const id = outcome.created.id;
    const relocate = async () => {
      const found = name === undefined ? undefined : newestNamed(await this.list({ workspace_id: body.workspace_id }, options), name);
      return found && this.get(found.id, options);
    };
    return readBackOrUndo(this.ctx.transport, `${label} "${name ?? "(unnamed)"}"`, () => this.get(id, options), () => this.delete(id), relocate);
  }

  async get(id: string, options: CallOptions = {}): Promise<Read> {
    return this.ctx.transport.send({ method: "GET", path: `${this.shapes.path}/${seg(id)}`, schema: this.shapes.read, signal: options.signal });
  }

  async list(filter: ListPoliciesFilter = {}, options: CallOptions = {}): Promise<Read[]> {
    return listAllPages(this.ctx.transport, { path: this.shapes.path, query: { ...filter }, item: this.shapes.read, pageSize: this.ctx.pageSize, signal: options.signal });
  }

  async update(id: string, input: UpdateIn, options: CallOptions = {}): Promise<Read> {
    const path = `${this.shapes.path}/${seg(id)}`;
    const body = parseInput(this.ctx, this.shapes.update, input, `${this.shapes.label}.update`, "PUT", path);
    await this.ctx.transport.send({ method: "PUT", path, body, schema: ignoredBody, signal: options.signal });
    return this.get(id, options);
  }

  /** Archives the policy (status becomes `archived`). */
  async delete(id: string, options: CallOptions = {}): Promise<void> {
    await this.ctx.transport.send({ method: "DELETE", path: `${this.shapes.path}/${seg(id)}`, schema: ignoredBody, signal: options.signal });
  }
}

export interface ListEntitiesFilter {
  /** e.g. "active" or "exhausted" (comma-separated for several). */
  readonly status?: string;
  /** Matches part of the entity's value key, e.g. a developer's name. */
  readonly search?: string;
}

const usageLimitsShapes = {
  path: "/policies/usage-limits",
  label: "usageLimitsPolicies",
  create: createUsageLimitsPolicyInput,
  update: updateUsageLimitsPolicyInput,
  read: usageLimitsPolicy,
};

/** Usage-limits policies, plus their per-entity counters (one per distinct group_by value). */
export class UsageLimitsPoliciesApi extends PoliciesApi<
  z.input<typeof createUsageLimitsPolicyInput>,
  z.output<typeof createUsageLimitsPolicyInput>,
  z.input<typeof updateUsageLimitsPolicyInput>,
  z.output<typeof updateUsageLimitsPolicyInput>,
  z.output<typeof usageLimitsPolicy>
> {
  constructor(private readonly context: ResourceContext) {
    super(context, usageLimitsShapes);
  }

  /** Every entity of the policy with its current usage (all pages). */
  async listEntities(id: string, filter: ListEntitiesFilter = {}, options: CallOptions = {}): Promise<UsageLimitsEntity[]> {
    return listAllPages(this.context.transport, {
      path: `${usageLimitsShapes.path}/${seg(id)}/entities`,
      query: { ...filter },
      item: usageLimitsEntity,
      pageSize: this.context.pageSize,
      signal: options.signal,
    });
  }

  /** Zero one entity's usage counter. */
  async resetEntity(id: string, entityId: string, options: CallOptions = {}): Promise<void> {
    const path = `${usageLimitsShapes.path}/${seg(id)}/entities/${seg(entityId)}/reset`;
    await this.context.transport.send({ method: "PUT", path, schema: ignoredBody, signal: options.signal });
  }
}

export function usageLimitsPolicies(ctx: ResourceContext) {
  return new UsageLimitsPoliciesApi(ctx);
}

export function rateLimitsPolicies(ctx: ResourceContext) {
  return new PoliciesApi(ctx, { path: "/policies/rate-limits", label: "rateLimitsPolicies", create: createRateLimitsPolicyInput, update: updateRateLimitsPolicyInput, read: rateLimitsPolicy });
}

export type RateLimitsPoliciesApi = ReturnType<typeof rateLimitsPolicies>;
