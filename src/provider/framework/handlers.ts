/**
 * `createProviderHandlers(definition)`: every `ProviderHandlers` method the transport calls,
 * built from a declarative provider definition. Nothing here knows what the API client is.
 */
import { type CtyObjectValue, unknown } from "../cty";
import type {
  DiagnosticsResponse,
  GetMetadataResponse,
  GetProviderSchemaResponse,
  ProviderHandlers,
  ReadDataSourceRequest,
  ReadDataSourceResponse,
  ServerCapabilities,
} from "../protocol/types";
import type { Attributes } from "./attributes";
import type { BaseContext, PlanModel, ProviderDefinition } from "./definition";
import { Diagnostics } from "./diagnostics";
import { decodeObject, encodeDynamicValue, mergeResult, nullObject } from "./dynamic-value";
import { checkApplied } from "./invariants";
import { withoutWriteOnly } from "./plan";
import { applyResourceChange, importResourceState, planResourceChange, readResource, upgradeResourceState } from "./resource-handlers";
import { type Registered, Runtime } from "./runtime";
import { checkWriteOnlySupport, validateAttributes } from "./validate";

const SERVER_CAPABILITIES: ServerCapabilities = { planDestroy: true, getProviderSchemaOptional: true, moveResourceState: false };

interface Validatable {
  typeName?: string;
  validate?(config: PlanModel<Attributes>, ctx: BaseContext): void | Promise<void>;
}

export function createProviderHandlers<P extends Attributes, C>(definition: ProviderDefinition<P, C>): ProviderHandlers {
  const runtime = new Runtime<C>(definition as unknown as ProviderDefinition<Attributes, C>);
  const providerName = definition.typeName;

  const schemaResponse: GetProviderSchemaResponse = {
    provider: runtime.provider.schema,
    resourceSchemas: Object.fromEntries([...runtime.resources].map(([name, r]) => [name, r.schema])),
    dataSourceSchemas: Object.fromEntries([...runtime.dataSources].map(([name, d]) => [name, d.schema])),
    diagnostics: [],
    serverCapabilities: SERVER_CAPABILITIES,
  };

  /** Decodes a config and runs attribute validators, then the definition's own `validate`. */
  async function validateConfig(
    registered: Registered<Validatable>,
    typeName: string,
    config: Parameters<typeof decodeObject>[1],
    diagnostics: Diagnostics,
    signal: AbortSignal,
    extra?: (value: CtyObjectValue) => void,
  ): Promise<void> {
    let value: CtyObjectValue;
    try {
      value = decodeObject(registered.type, config) ?? nullObject(registered.attributes);
    } catch (error) {
      diagnostics.error(`${typeName}: cannot decode the configuration`, (error as Error).message);
      return;
    }
    validateAttributes(registered.attributes, value, [], diagnostics);
    extra?.(value);
    const hook = registered.definition.validate?.bind(registered.definition);
    if (hook) {
      const ctx = runtime.baseContext(typeName, diagnostics, signal);
      await runtime.guard(`${typeName}: validation failed`, diagnostics, () => hook(value as PlanModel<Attributes>, ctx));
    }
  }

  const done = (diagnostics: Diagnostics): DiagnosticsResponse => ({ diagnostics: runtime.finish(diagnostics) });

  return {
    async getMetadata(): Promise<GetMetadataResponse> {
      return {
        serverCapabilities: SERVER_CAPABILITIES,
        diagnostics: [],
        resources: [...runtime.resources.keys()].map((typeName) => ({ typeName })),
        dataSources: [...runtime.dataSources.keys()].map((typeName) => ({ typeName })),
      };
    },

    async getProviderSchema() {
      return schemaResponse;
    },

    async validateProviderConfig(req, signal) {
      const diagnostics = new Diagnostics();
      await validateConfig(runtime.provider, `provider ${providerName}`, req.config, diagnostics, signal);
      return done(diagnostics);
    },

    async configureProvider(req, signal) {
      const diagnostics = new Diagnostics();
      const provider = runtime.provider;
      let config: CtyObjectValue;
      try {
        config = decodeObject(provider.type, req.config) ?? nullObject(provider.attributes);
      } catch (error) {
        diagnostics.error(`provider ${providerName}: cannot decode the configuration`, (error as Error).message);
        return done(diagnostics);
      }
      const ctx = { ...runtime.baseContext(`provider ${providerName}`, diagnostics, signal), terraformVersion: req.terraformVersion };
      const configure = provider.definition.configure.bind(provider.definition);
      const result = await runtime.guard(`provider ${providerName}: configuration failed`, diagnostics, () =>
        configure(config as Parameters<typeof configure>[0], ctx),
      );
      if (result.ok && !diagnostics.hasErrors) runtime.setClient(result.value);
      return done(diagnostics);
    },

    async validateResourceConfig(req, signal) {
      const diagnostics = new Diagnostics();
      const resource = runtime.resources.get(req.typeName);
      if (!resource) {
        diagnostics.error(`Unknown resource type ${req.typeName}`, `This provider has no resource type "${req.typeName}".`);
        return done(diagnostics);
      }
      await validateConfig(resource, req.typeName, req.config, diagnostics, signal, (value) =>
        checkWriteOnlySupport(resource.attributes, value, req.clientCapabilities, [], diagnostics),
      );
      return done(diagnostics);
    },

    async validateDataResourceConfig(req, signal) {
      const diagnostics = new Diagnostics();
      const dataSource = runtime.dataSources.get(req.typeName);
      if (!dataSource) {
        diagnostics.error(`Unknown data source type ${req.typeName}`, `This provider has no data source "${req.typeName}".`);
        return done(diagnostics);
      }
      await validateConfig(dataSource, req.typeName, req.config, diagnostics, signal);
      return done(diagnostics);
    },

    upgradeResourceState: (req) => upgradeResourceState(runtime, req),
    readResource: (req, signal) => readResource(runtime, req, signal),
    planResourceChange: (req, signal) => planResourceChange(runtime, req, signal),
    applyResourceChange: (req, signal) => applyResourceChange(runtime, req, signal),
    importResourceState: (req, signal) => importResourceState(runtime, req, signal),
    readDataSource: (req, signal) => readDataSource(runtime, req, signal),
  };
}

async function readDataSource<C>(runtime: Runtime<C>, req: ReadDataSourceRequest, signal: AbortSignal): Promise<ReadDataSourceResponse> {
  const diagnostics = new Diagnostics();
  const answer = (state?: ReadDataSourceResponse["state"]): ReadDataSourceResponse => ({ state, diagnostics: runtime.finish(diagnostics) });
  const dataSource = runtime.dataSources.get(req.typeName);
  if (!dataSource) {
    diagnostics.error(`Unknown data source type ${req.typeName}`, `This provider has no data source "${req.typeName}".`);
    return answer();
  }
  const { definition } = dataSource;
  let config: CtyObjectValue;
  try {
    config = decodeObject(dataSource.type, req.config) ?? nullObject(dataSource.attributes);
  } catch (error) {
    diagnostics.error(`${definition.typeName}: cannot decode the configuration`, (error as Error).message);
    return answer();
  }
  const ctx = runtime.resourceContext(definition.typeName, "read", diagnostics, signal);
  if (!ctx) return answer();
  const result = await runtime.guard(`${definition.typeName}: read failed`, diagnostics, () => definition.read(config, ctx));
  if (!result.ok) return answer();
  const state = withoutWriteOnly(dataSource.attributes, mergeResult(config, result.value));
  const violations = checkApplied(dataSource.type, unknown, state, "read");
  runtime.reportViolations(definition.typeName, violations, diagnostics);
  if (violations.length > 0) return answer();
  try {
    return answer(encodeDynamicValue(dataSource.type, state));
  } catch (error) {
    diagnostics.error(`Provider bug in ${definition.typeName}: the data does not match the schema`, (error as Error).message);
    return answer();
  }
}
