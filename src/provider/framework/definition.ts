/**
 * What a provider author writes: one object per resource / data source, all with the same shape,
 * and a provider definition that configures the API client and lists them. `C` is the client
 * type; the framework never looks inside it.
 */
import type { Logger } from "../../portkey/log";
import type { SecretRegistry } from "../../portkey/redact";
import type { Unknown } from "../cty";
import type { Attributes, Model } from "./attributes";
import type { AttrPath, Diagnostics } from "./diagnostics";
import type { ProcessMemory } from "./leftovers";
import type { SchemaDefinition } from "./schema";

/**
 * A model during planning: top-level values may be `Unknown` ("known after apply"); values
 * inside nested attributes and collections may be unknown too.
 */
export type PlanModel<S extends Attributes> = { -readonly [K in keyof Model<S>]: Model<S>[K] | Unknown };

/** What every step can use to report problems and log (secrets are scrubbed on the way out). */
export interface BaseContext {
  readonly typeName: string;
  readonly diagnostics: Diagnostics;
  readonly log: Logger;
  readonly signal: AbortSignal;
}

export interface ResourceContext<C> extends BaseContext {
  /** The API client built by the provider definition's `configure`. */
  readonly client: C;
  /** What this provider process remembers across calls (leftovers.ts). */
  readonly memory: ProcessMemory;
}

export interface PlanContext<C> extends ResourceContext<C> {
  /** Plan a replacement because the attribute at `path` changed in a way the API cannot update. */
  requireReplace(path: AttrPath): void;
}

export interface PlanChange<S extends Attributes> {
  config: PlanModel<S>;
  /** null when creating. */
  prior: Model<S> | null;
  /** What the framework planned so far (defaults, unknown computed values …). */
  planned: PlanModel<S>;
}

export interface UpdateChange<S extends Attributes> {
  /** The planned state, with write-only values from config and not-yet-known values as null. */
  planned: Model<S>;
  prior: Model<S>;
  /**
   * `prior` is a leftover of an interrupted apply, adopted just now (leftovers.ts): bring it to
   * the plan, write-only values included; secrets it had are unknown.
   */
  adopted?: boolean;
}

/** A leftover found before a create. */
export interface FoundLeftover {
  /** Its import id (for messages: `terraform import <address> <id>`). */
  readonly id: string;
  /** How messages name it, e.g. `API key "ci" in workspace ws-1`. */
  readonly what: string;
  /** The identifying attributes `read` needs to find it, e.g. `{ id }` or `{ workspace_id, slug }`. */
  readonly state: Record<string, unknown>;
}

/**
 * One managed resource. Method syntax on purpose: it lets a provider hold resources of different
 * schemas in one list.
 */
export interface ResourceDefinition<S extends Attributes, C> {
  /** Full Terraform type name, e.g. `portkeyadmin_workspace`. */
  typeName: string;
  schema: SchemaDefinition<S>;
  /** Cross-attribute checks; values may be unknown. The client is not available here. */
  validate?(config: PlanModel<S>, ctx: BaseContext): void | Promise<void>;
  /** Adjust the framework's plan (return the new planned model, or nothing to keep it). */
  plan?(change: PlanChange<S>, ctx: PlanContext<C>): PlanModel<S> | undefined | Promise<PlanModel<S> | undefined>;
  /**
   * Create the remote object. `planned` holds write-only values from config; values planned as
   * "(known after apply)" are null. Return the values the API reports (at least every one that
   * was unknown); attributes not returned keep their planned value.
   */
  create(planned: Model<S>, ctx: ResourceContext<C>): Promise<Partial<Model<S>>>;
  /** Refresh: return the remote values (merged over `state`), or null when the object is gone. */
  read(state: Model<S>, ctx: ResourceContext<C>): Promise<Partial<Model<S>> | null>;
  update(change: UpdateChange<S>, ctx: ResourceContext<C>): Promise<Partial<Model<S>>>;
  delete(state: Model<S>, ctx: ResourceContext<C>): Promise<void>;
  /** `terraform import` / `import {}`: enough of the state for `read` to find the object. */
  import?(id: string, ctx: ResourceContext<C>): Promise<Partial<Model<S>>>;
  /**
   * Before a create: an object with the planned natural key that no state may know (left by a
   * killed apply); undefined when there is none (framework/leftovers.ts).
   */
  findLeftover?(planned: Model<S>, ctx: ResourceContext<C>): Promise<FoundLeftover | undefined>;
  /** Convert a stored state (parsed JSON) written under an older `schema.version`. */
  upgradeState?(fromVersion: number, state: Record<string, unknown>): Record<string, unknown>;
}

export interface DataSourceDefinition<S extends Attributes, C> {
  typeName: string;
  schema: SchemaDefinition<S>;
  validate?(config: PlanModel<S>, ctx: BaseContext): void | Promise<void>;
  /** Return the computed values; configured values are kept. */
  read(config: Model<S>, ctx: ResourceContext<C>): Promise<Partial<Model<S>>>;
}

export interface ConfigureContext extends BaseContext {
  readonly terraformVersion: string;
}

export interface ProviderDefinition<P extends Attributes, C> {
  /** Provider type name, e.g. `portkeyadmin`. */
  typeName: string;
  schema: SchemaDefinition<P>;
  /** Build the API client from provider configuration (register secrets with `secrets`). */
  configure(config: Model<P>, ctx: ConfigureContext): C | Promise<C>;
  validate?(config: PlanModel<P>, ctx: BaseContext): void | Promise<void>;
  resources: readonly ResourceDefinition<Attributes, C>[];
  dataSources?: readonly DataSourceDefinition<Attributes, C>[];
  /** Every diagnostic and error message is scrubbed through this registry. */
  secrets: SecretRegistry;
  log?: Logger;
}

/** Identity helpers that let TypeScript infer a resource's model from its schema. */
export function defineResource<S extends Attributes, C>(definition: ResourceDefinition<S, C>): ResourceDefinition<S, C> {
  return definition;
}

export function defineDataSource<S extends Attributes, C>(definition: DataSourceDefinition<S, C>): DataSourceDefinition<S, C> {
  return definition;
}

export function defineProvider<P extends Attributes, C>(definition: ProviderDefinition<P, C>): ProviderDefinition<P, C> {
  return definition;
}
