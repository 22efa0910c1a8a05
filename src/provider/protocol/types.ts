/**
 * The tfplugin6 (protocol 6.8) messages this provider uses, as plain TypeScript shapes.
 *
 * This file is the seam between the transport (`src/provider/transport/`: go-plugin handshake,
 * gRPC over HTTP/2, protobuf wire encoding) and the framework (`src/provider/framework/`:
 * schemas, cty values, plan/apply). The transport turns protobuf bytes into these shapes and
 * back; the framework never sees protobuf, the transport never sees cty.
 *
 * Names follow hashicorp/terraform `docs/plugin-protocol/tfplugin6.8.proto` in camelCase.
 * Absent optional protobuf fields are `undefined`; empty bytes are an empty Uint8Array.
 */

/** A cty value serialised by Terraform: msgpack normally, JSON in a few places. */
export interface DynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

export type AttributePathStep =
  | { attributeName: string }
  | { elementKeyString: string }
  | { elementKeyInt: bigint };

export interface AttributePath {
  steps: AttributePathStep[];
}

export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail?: string;
  attribute?: AttributePath;
}

export type StringKind = "plain" | "markdown";

export interface SchemaAttribute {
  name: string;
  /** cty type as JSON bytes, e.g. `"string"` or `["list","string"]`; empty when `nestedType` is set. */
  type: Uint8Array;
  nestedType?: SchemaObject;
  description: string;
  descriptionKind: StringKind;
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  deprecated: boolean;
  writeOnly: boolean;
}

export type ObjectNesting = "single" | "list" | "set" | "map";

/** A nested-attribute object type (protocol 6 `Schema.Object`). */
export interface SchemaObject {
  attributes: SchemaAttribute[];
  nesting: ObjectNesting;
}

export type BlockNesting = "single" | "list" | "set" | "map" | "group";

export interface SchemaNestedBlock {
  typeName: string;
  block: SchemaBlock;
  nesting: BlockNesting;
  minItems: number;
  maxItems: number;
}

export interface SchemaBlock {
  version: number;
  attributes: SchemaAttribute[];
  blockTypes: SchemaNestedBlock[];
  description: string;
  descriptionKind: StringKind;
  deprecated: boolean;
}

export interface Schema {
  version: number;
  block: SchemaBlock;
}

export interface ServerCapabilities {
  planDestroy: boolean;
  getProviderSchemaOptional: boolean;
  moveResourceState: boolean;
}

export interface ClientCapabilities {
  deferralAllowed: boolean;
  writeOnlyAttributesAllowed: boolean;
}

export interface RawState {
  json?: Uint8Array;
  flatmap?: Record<string, string>;
}

// ---- requests and responses -------------------------------------------------------------

export interface GetMetadataResponse {
  serverCapabilities: ServerCapabilities;
  diagnostics: Diagnostic[];
  dataSources: { typeName: string }[];
  resources: { typeName: string }[];
}

export interface GetProviderSchemaResponse {
  provider: Schema;
  resourceSchemas: Record<string, Schema>;
  dataSourceSchemas: Record<string, Schema>;
  diagnostics: Diagnostic[];
  providerMeta?: Schema;
  serverCapabilities: ServerCapabilities;
}

export interface ValidateProviderConfigRequest {
  config?: DynamicValue;
}

export interface ConfigureProviderRequest {
  terraformVersion: string;
  config?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}

export interface ValidateResourceConfigRequest {
  typeName: string;
  config?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}

export interface ValidateDataResourceConfigRequest {
  typeName: string;
  config?: DynamicValue;
}

export interface UpgradeResourceStateRequest {
  typeName: string;
  version: number;
  rawState?: RawState;
}

export interface UpgradeResourceStateResponse {
  upgradedState?: DynamicValue;
  diagnostics: Diagnostic[];
}

export interface ReadResourceRequest {
  typeName: string;
  currentState?: DynamicValue;
  private: Uint8Array;
  providerMeta?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}

export interface ReadResourceResponse {
  newState?: DynamicValue;
  diagnostics: Diagnostic[];
  private: Uint8Array;
}

export interface PlanResourceChangeRequest {
  typeName: string;
  priorState?: DynamicValue;
  proposedNewState?: DynamicValue;
  config?: DynamicValue;
  priorPrivate: Uint8Array;
  providerMeta?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}

export interface PlanResourceChangeResponse {
  plannedState?: DynamicValue;
  requiresReplace: AttributePath[];
  plannedPrivate: Uint8Array;
  diagnostics: Diagnostic[];
}

export interface ApplyResourceChangeRequest {
  typeName: string;
  priorState?: DynamicValue;
  plannedState?: DynamicValue;
  config?: DynamicValue;
  plannedPrivate: Uint8Array;
  providerMeta?: DynamicValue;
}

export interface ApplyResourceChangeResponse {
  newState?: DynamicValue;
  private: Uint8Array;
  diagnostics: Diagnostic[];
}

export interface ImportResourceStateRequest {
  typeName: string;
  id: string;
  clientCapabilities?: ClientCapabilities;
}

export interface ImportedResource {
  typeName: string;
  state?: DynamicValue;
  private: Uint8Array;
}

export interface ImportResourceStateResponse {
  importedResources: ImportedResource[];
  diagnostics: Diagnostic[];
}

export interface ReadDataSourceRequest {
  typeName: string;
  config?: DynamicValue;
  providerMeta?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}

export interface ReadDataSourceResponse {
  state?: DynamicValue;
  diagnostics: Diagnostic[];
}

export interface DiagnosticsResponse {
  diagnostics: Diagnostic[];
}

/**
 * What the transport calls. Every handler gets an AbortSignal that fires when Terraform sends
 * StopProvider (or the process is shutting down); long work must pass it to the HTTP client.
 */
export interface ProviderHandlers {
  getMetadata(): Promise<GetMetadataResponse>;
  getProviderSchema(): Promise<GetProviderSchemaResponse>;
  validateProviderConfig(req: ValidateProviderConfigRequest, signal: AbortSignal): Promise<DiagnosticsResponse>;
  configureProvider(req: ConfigureProviderRequest, signal: AbortSignal): Promise<DiagnosticsResponse>;
  validateResourceConfig(req: ValidateResourceConfigRequest, signal: AbortSignal): Promise<DiagnosticsResponse>;
  validateDataResourceConfig(req: ValidateDataResourceConfigRequest, signal: AbortSignal): Promise<DiagnosticsResponse>;
  upgradeResourceState(req: UpgradeResourceStateRequest, signal: AbortSignal): Promise<UpgradeResourceStateResponse>;
  readResource(req: ReadResourceRequest, signal: AbortSignal): Promise<ReadResourceResponse>;
  planResourceChange(req: PlanResourceChangeRequest, signal: AbortSignal): Promise<PlanResourceChangeResponse>;
  applyResourceChange(req: ApplyResourceChangeRequest, signal: AbortSignal): Promise<ApplyResourceChangeResponse>;
  importResourceState(req: ImportResourceStateRequest, signal: AbortSignal): Promise<ImportResourceStateResponse>;
  readDataSource(req: ReadDataSourceRequest, signal: AbortSignal): Promise<ReadDataSourceResponse>;
}
