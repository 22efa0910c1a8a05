/**
 * tfplugin6 response messages the provider sends (encode) and test clients read (decode).
 * Field numbers: tfplugin6.8.proto, `<Rpc>.Response`.
 */
import type {
  ApplyResourceChangeResponse,
  AttributePath,
  Diagnostic,
  DiagnosticsResponse,
  GetMetadataResponse,
  GetProviderSchemaResponse,
  ImportedResource,
  ImportResourceStateResponse,
  PlanResourceChangeResponse,
  ReadDataSourceResponse,
  ReadResourceResponse,
  Schema,
  UpgradeResourceStateResponse,
} from "../../protocol/types";
import {
  decodeAttributePath,
  decodeDiagnostic,
  decodeDynamicValue,
  decodeMessageEntry,
  decodeServerCapabilities,
  EMPTY_BYTES,
  encodeAttributePath,
  encodeServerCapabilities,
  writeDiagnostics,
  writeDynamicValue,
  writeMessageMap,
} from "./common";
import { decodeSchema, encodeSchema } from "./schema";
import { lenKey, Reader, Writer } from "./wire";

const NO_CAPABILITIES = { planDestroy: false, getProviderSchemaOptional: false, moveResourceState: false };

/** Reads a single `{ string type_name = 1; }` metadata entry. */
function decodeTypeName(bytes: Uint8Array): { typeName: string } {
  const r = new Reader(bytes);
  let typeName = "";
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) typeName = r.string();
    else r.skip(key & 7);
  }
  return { typeName };
}

// GetMetadata.Response { server_capabilities = 1; diagnostics = 2; data_sources = 3; resources = 4; }
export function encodeGetMetadataResponse(res: GetMetadataResponse): Uint8Array {
  const w = new Writer().message(1, encodeServerCapabilities(res.serverCapabilities));
  writeDiagnostics(w, 2, res.diagnostics);
  for (const d of res.dataSources) w.message(3, new Writer().string(1, d.typeName).finish());
  for (const d of res.resources) w.message(4, new Writer().string(1, d.typeName).finish());
  return w.finish();
}
export function decodeGetMetadataResponse(bytes: Uint8Array): GetMetadataResponse {
  const out: GetMetadataResponse = { serverCapabilities: NO_CAPABILITIES, diagnostics: [], dataSources: [], resources: [] };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.serverCapabilities = decodeServerCapabilities(r.bytes());
    else if (key === lenKey(2)) out.diagnostics.push(decodeDiagnostic(r.bytes()));
    else if (key === lenKey(3)) out.dataSources.push(decodeTypeName(r.bytes()));
    else if (key === lenKey(4)) out.resources.push(decodeTypeName(r.bytes()));
    else r.skip(key & 7);
  }
  return out;
}

// GetProviderSchema.Response { Schema provider = 1; map<string, Schema> resource_schemas = 2;
//   map<string, Schema> data_source_schemas = 3; diagnostics = 4; provider_meta = 5; server_capabilities = 6; }
export function encodeGetProviderSchemaResponse(res: GetProviderSchemaResponse): Uint8Array {
  const w = new Writer().message(1, encodeSchema(res.provider));
  writeMessageMap(w, 2, res.resourceSchemas, encodeSchema);
  writeMessageMap(w, 3, res.dataSourceSchemas, encodeSchema);
  writeDiagnostics(w, 4, res.diagnostics);
  if (res.providerMeta) w.message(5, encodeSchema(res.providerMeta));
  w.message(6, encodeServerCapabilities(res.serverCapabilities));
  return w.finish();
}
export function decodeGetProviderSchemaResponse(bytes: Uint8Array): GetProviderSchemaResponse {
  const out: GetProviderSchemaResponse = {
    provider: decodeSchema(EMPTY_BYTES),
    resourceSchemas: {},
    dataSourceSchemas: {},
    diagnostics: [],
    serverCapabilities: NO_CAPABILITIES,
  };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.provider = decodeSchema(r.bytes());
    else if (key === lenKey(2)) addEntry(out.resourceSchemas, decodeMessageEntry(r.bytes(), decodeSchema));
    else if (key === lenKey(3)) addEntry(out.dataSourceSchemas, decodeMessageEntry(r.bytes(), decodeSchema));
    else if (key === lenKey(4)) out.diagnostics.push(decodeDiagnostic(r.bytes()));
    else if (key === lenKey(5)) out.providerMeta = decodeSchema(r.bytes());
    else if (key === lenKey(6)) out.serverCapabilities = decodeServerCapabilities(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}

function addEntry(map: Record<string, Schema>, [name, schema]: [string, Schema]): void {
  map[name] = schema;
}

/**
 * The `{ repeated Diagnostic diagnostics = N; }` responses. N is 2 for ValidateProviderConfig
 * and 1 for ConfigureProvider, ValidateResourceConfig and ValidateDataResourceConfig.
 */
export function encodeDiagnosticsResponse(res: DiagnosticsResponse, field: 1 | 2): Uint8Array {
  const w = new Writer();
  writeDiagnostics(w, field, res.diagnostics);
  return w.finish();
}
export function decodeDiagnosticsResponse(bytes: Uint8Array, field: 1 | 2): DiagnosticsResponse {
  const diagnostics: Diagnostic[] = [];
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(field)) diagnostics.push(decodeDiagnostic(r.bytes()));
    else r.skip(key & 7);
  }
  return { diagnostics };
}

// UpgradeResourceState.Response { DynamicValue upgraded_state = 1; repeated Diagnostic diagnostics = 2; }
export function encodeUpgradeResourceStateResponse(res: UpgradeResourceStateResponse): Uint8Array {
  const w = new Writer();
  writeDynamicValue(w, 1, res.upgradedState);
  writeDiagnostics(w, 2, res.diagnostics);
  return w.finish();
}
export function decodeUpgradeResourceStateResponse(bytes: Uint8Array): UpgradeResourceStateResponse {
  const out: UpgradeResourceStateResponse = { diagnostics: [] };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.upgradedState = decodeDynamicValue(r.bytes());
    else if (key === lenKey(2)) out.diagnostics.push(decodeDiagnostic(r.bytes()));
    else r.skip(key & 7);
  }
  return out;
}

// ReadResource.Response { DynamicValue new_state = 1; diagnostics = 2; bytes private = 3; }
export function encodeReadResourceResponse(res: ReadResourceResponse): Uint8Array {
  const w = new Writer();
  writeDynamicValue(w, 1, res.newState);
  writeDiagnostics(w, 2, res.diagnostics);
  w.bytes(3, res.private);
  return w.finish();
}
export function decodeReadResourceResponse(bytes: Uint8Array): ReadResourceResponse {
  const out: ReadResourceResponse = { diagnostics: [], private: EMPTY_BYTES };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.newState = decodeDynamicValue(r.bytes());
    else if (key === lenKey(2)) out.diagnostics.push(decodeDiagnostic(r.bytes()));
    else if (key === lenKey(3)) out.private = r.bytes();
    else r.skip(key & 7);
  }
  return out;
}

// PlanResourceChange.Response { planned_state = 1; repeated AttributePath requires_replace = 2;
//                               bytes planned_private = 3; diagnostics = 4; }
export function encodePlanResourceChangeResponse(res: PlanResourceChangeResponse): Uint8Array {
  const w = new Writer();
  writeDynamicValue(w, 1, res.plannedState);
  for (const path of res.requiresReplace) w.message(2, encodeAttributePath(path));
  w.bytes(3, res.plannedPrivate);
  writeDiagnostics(w, 4, res.diagnostics);
  return w.finish();
}
export function decodePlanResourceChangeResponse(bytes: Uint8Array): PlanResourceChangeResponse {
  const requiresReplace: AttributePath[] = [];
  const out: PlanResourceChangeResponse = { requiresReplace, plannedPrivate: EMPTY_BYTES, diagnostics: [] };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.plannedState = decodeDynamicValue(r.bytes());
    else if (key === lenKey(2)) requiresReplace.push(decodeAttributePath(r.bytes()));
    else if (key === lenKey(3)) out.plannedPrivate = r.bytes();
    else if (key === lenKey(4)) out.diagnostics.push(decodeDiagnostic(r.bytes()));
    else r.skip(key & 7);
  }
  return out;
}

// ApplyResourceChange.Response { DynamicValue new_state = 1; bytes private = 2; diagnostics = 3; }
export function encodeApplyResourceChangeResponse(res: ApplyResourceChangeResponse): Uint8Array {
  const w = new Writer();
  writeDynamicValue(w, 1, res.newState);
  w.bytes(2, res.private);
  writeDiagnostics(w, 3, res.diagnostics);
  return w.finish();
}
export function decodeApplyResourceChangeResponse(bytes: Uint8Array): ApplyResourceChangeResponse {
  const out: ApplyResourceChangeResponse = { private: EMPTY_BYTES, diagnostics: [] };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.newState = decodeDynamicValue(r.bytes());
    else if (key === lenKey(2)) out.private = r.bytes();
    else if (key === lenKey(3)) out.diagnostics.push(decodeDiagnostic(r.bytes()));
    else r.skip(key & 7);
  }
  return out;
}

// ImportResourceState.ImportedResource { string type_name = 1; DynamicValue state = 2; bytes private = 3; }
function encodeImportedResource(res: ImportedResource): Uint8Array {
  const w = new Writer().string(1, res.typeName);
  writeDynamicValue(w, 2, res.state);
  return w.bytes(3, res.private).finish();
}
function decodeImportedResource(bytes: Uint8Array): ImportedResource {
  const out: ImportedResource = { typeName: "", private: EMPTY_BYTES };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.typeName = r.string();
    else if (key === lenKey(2)) out.state = decodeDynamicValue(r.bytes());
    else if (key === lenKey(3)) out.private = r.bytes();
    else r.skip(key & 7);
  }
  return out;
}

// ImportResourceState.Response { repeated ImportedResource imported_resources = 1; diagnostics = 2; }
export function encodeImportResourceStateResponse(res: ImportResourceStateResponse): Uint8Array {
  const w = new Writer();
  for (const imported of res.importedResources) w.message(1, encodeImportedResource(imported));
  writeDiagnostics(w, 2, res.diagnostics);
  return w.finish();
}
export function decodeImportResourceStateResponse(bytes: Uint8Array): ImportResourceStateResponse {
  const out: ImportResourceStateResponse = { importedResources: [], diagnostics: [] };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.importedResources.push(decodeImportedResource(r.bytes()));
    else if (key === lenKey(2)) out.diagnostics.push(decodeDiagnostic(r.bytes()));
    else r.skip(key & 7);
  }
  return out;
}

// ReadDataSource.Response { DynamicValue state = 1; repeated Diagnostic diagnostics = 2; }
export function encodeReadDataSourceResponse(res: ReadDataSourceResponse): Uint8Array {
  const w = new Writer();
  writeDynamicValue(w, 1, res.state);
  writeDiagnostics(w, 2, res.diagnostics);
  return w.finish();
}
export function decodeReadDataSourceResponse(bytes: Uint8Array): ReadDataSourceResponse {
  const out: ReadDataSourceResponse = { diagnostics: [] };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.state = decodeDynamicValue(r.bytes());
    else if (key === lenKey(2)) out.diagnostics.push(decodeDiagnostic(r.bytes()));
    else r.skip(key & 7);
  }
  return out;
}

// StopProvider.Response { string Error = 1; }
export function encodeStopProviderResponse(error: string): Uint8Array {
  return new Writer().string(1, error).finish();
}
export function decodeStopProviderResponse(bytes: Uint8Array): { error: string } {
  let error = "";
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) error = r.string();
    else r.skip(key & 7);
  }
  return { error };
}
