/**
 * Shared plumbing for the handlers: the registered resources with their cty types, the
 * configured client, contexts for resource code, and turning exceptions into (scrubbed)
 * diagnostics so that nothing thrown by resource code crosses the protocol boundary.
 */
import { ProcessMemory } from "./leftovers";
import { type Logger, silentLogger } from "../../portkey/log";
import type { SecretRegistry } from "../../portkey/redact";
import type { ObjectType } from "../cty";
import type { Diagnostic, Schema } from "../protocol/types";
import type { Attributes } from "./attributes";
import type { BaseContext, DataSourceDefinition, ProviderDefinition, ResourceContext, ResourceDefinition } from "./definition";
import type { AttrPath, Diagnostics } from "./diagnostics";
import type { Violation } from "./invariants";
import { schemaObjectType, toProtocolSchema } from "./schema";

export interface Registered<D> {
  definition: D;
  type: ObjectType;
  schema: Schema;
  attributes: Attributes;
}

export class Runtime<C> {
  readonly log: Logger;
  readonly secrets: SecretRegistry;
  readonly resources = new Map<string, Registered<ResourceDefinition<Attributes, C>>>();
  readonly dataSources = new Map<string, Registered<DataSourceDefinition<Attributes, C>>>();
  readonly provider: Registered<ProviderDefinition<Attributes, C>>;
  private client: { value: C } | undefined;
  /** One per process, like the client: see leftovers.ts. */
  readonly memory = new ProcessMemory();

  constructor(definition: ProviderDefinition<Attributes, C>) {
    this.log = definition.log ?? silentLogger;
    this.secrets = definition.secrets;
    this.provider = register(`provider "${definition.typeName}"`, definition, false);
    for (const resource of definition.resources) {
      if (this.resources.has(resource.typeName)) throw new Error(`resource type ${resource.typeName} is defined twice`);
      this.resources.set(resource.typeName, register(`resource ${resource.typeName}`, resource));
    }
    for (const dataSource of definition.dataSources ?? []) {
      if (this.dataSources.has(dataSource.typeName)) throw new Error(`data source type ${dataSource.typeName} is defined twice`);
      this.dataSources.set(dataSource.typeName, register(`data source ${dataSource.typeName}`, dataSource));
    }
  }

  setClient(client: C): void {
    this.client = { value: client };
  }

  baseContext(typeName: string, diagnostics: Diagnostics, signal: AbortSignal): BaseContext {
    return { typeName, diagnostics, log: this.log, signal };
  }

  /** A context with the client, or undefined (and an error diagnostic) before ConfigureProvider. */
  resourceContext(typeName: string, operation: string, diagnostics: Diagnostics, signal: AbortSignal): ResourceContext<C> | undefined {
    if (!this.client) {
      diagnostics.error(
        "Provider not configured",
        `${typeName}: ${operation} needs the provider to be configured first. Terraform calls ConfigureProvider before this step; if the provider configuration reported an error, fix that first.`,
      );
      return undefined;
    }
    return { ...this.baseContext(typeName, diagnostics, signal), client: this.client.value, memory: this.memory };
  }

  /** Runs resource code; an exception becomes an error diagnostic with secrets scrubbed. */
  async guard<R>(summary: string, diagnostics: Diagnostics, run: () => R | Promise<R>): Promise<{ ok: true; value: R } | { ok: false }> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      diagnostics.error(summary, this.secrets.scrub(describeError(error)));
      return { ok: false };
    }
  }

  reportViolations(typeName: string, violations: Violation[], diagnostics: Diagnostics): void {
    for (const violation of violations) {
      diagnostics.error(
        `Provider bug in ${typeName}: ${violation.message}`,
        "The provider checked its own answer against Terraform's consistency rules and found this problem before Terraform would report \"Provider produced inconsistent result\". Please report it to the provider's maintainers.",
        violation.path as AttrPath,
      );
    }
  }

  /** Every diagnostic leaving the provider, with registered secrets scrubbed. */
  finish(diagnostics: Diagnostics): Diagnostic[] {
    return diagnostics.items.map((item) => {
      const out: Diagnostic = { ...item, summary: this.secrets.scrub(item.summary) };
      if (item.detail !== undefined) out.detail = this.secrets.scrub(item.detail);
      return out;
    });
  }
}

function register<D extends { schema: ProviderDefinition<Attributes, unknown>["schema"] }>(
  owner: string,
  definition: D,
  reservedNamesApply = true,
): Registered<D> {
  return {
    definition,
    type: schemaObjectType(definition.schema),
    schema: toProtocolSchema(owner, definition.schema, reservedNamesApply),
    attributes: definition.schema.attributes,
  };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
