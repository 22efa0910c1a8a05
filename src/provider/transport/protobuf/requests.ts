/**
 * tfplugin6 request messages the provider receives (decode) and test clients send (encode).
 * Field numbers: tfplugin6.8.proto, `<Rpc>.Request`.
 */
import type {
  ApplyResourceChangeRequest,
  ConfigureProviderRequest,
  ImportResourceStateRequest,
  PlanResourceChangeRequest,
  ReadDataSourceRequest,
  ReadResourceRequest,
  UpgradeResourceStateRequest,
  ValidateDataResourceConfigRequest,
  ValidateProviderConfigRequest,
  ValidateResourceConfigRequest,
} from "../../protocol/types";
import {
  decodeClientCapabilities,
  decodeDynamicValue,
  decodeRawState,
  EMPTY_BYTES,
  encodeRawState,
  writeClientCapabilities,
  writeDynamicValue,
} from "./common";
import { lenKey, Reader, varintKey, Writer } from "./wire";

// ValidateProviderConfig.Request { DynamicValue config = 1; }
export function encodeValidateProviderConfigRequest(req: ValidateProviderConfigRequest): Uint8Array {
  const w = new Writer();
  writeDynamicValue(w, 1, req.config);
  return w.finish();
}
export function decodeValidateProviderConfigRequest(bytes: Uint8Array): ValidateProviderConfigRequest {
  const out: ValidateProviderConfigRequest = {};
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.config = decodeDynamicValue(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}

// ConfigureProvider.Request { string terraform_version = 1; DynamicValue config = 2; ClientCapabilities client_capabilities = 3; }
export function encodeConfigureProviderRequest(req: ConfigureProviderRequest): Uint8Array {
  const w = new Writer().string(1, req.terraformVersion);
  writeDynamicValue(w, 2, req.config);
  writeClientCapabilities(w, 3, req.clientCapabilities);
  return w.finish();
}
export function decodeConfigureProviderRequest(bytes: Uint8Array): ConfigureProviderRequest {
  const out: ConfigureProviderRequest = { terraformVersion: "" };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.terraformVersion = r.string();
    else if (key === lenKey(2)) out.config = decodeDynamicValue(r.bytes());
    else if (key === lenKey(3)) out.clientCapabilities = decodeClientCapabilities(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}

// ValidateResourceConfig.Request { string type_name = 1; DynamicValue config = 2; ClientCapabilities client_capabilities = 3; }
export function encodeValidateResourceConfigRequest(req: ValidateResourceConfigRequest): Uint8Array {
  const w = new Writer().string(1, req.typeName);
  writeDynamicValue(w, 2, req.config);
  writeClientCapabilities(w, 3, req.clientCapabilities);
  return w.finish();
}
export function decodeValidateResourceConfigRequest(bytes: Uint8Array): ValidateResourceConfigRequest {
  const out: ValidateResourceConfigRequest = { typeName: "" };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.typeName = r.string();
    else if (key === lenKey(2)) out.config = decodeDynamicValue(r.bytes());
    else if (key === lenKey(3)) out.clientCapabilities = decodeClientCapabilities(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}

// ValidateDataResourceConfig.Request { string type_name = 1; DynamicValue config = 2; }
export function encodeValidateDataResourceConfigRequest(req: ValidateDataResourceConfigRequest): Uint8Array {
  const w = new Writer().string(1, req.typeName);
  writeDynamicValue(w, 2, req.config);
  return w.finish();
}
export function decodeValidateDataResourceConfigRequest(bytes: Uint8Array): ValidateDataResourceConfigRequest {
  const out: ValidateDataResourceConfigRequest = { typeName: "" };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.typeName = r.string();
    else if (key === lenKey(2)) out.config = decodeDynamicValue(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}

// UpgradeResourceState.Request { string type_name = 1; int64 version = 2; RawState raw_state = 3; }
export function encodeUpgradeResourceStateRequest(req: UpgradeResourceStateRequest): Uint8Array {
  const w = new Writer().string(1, req.typeName).int64(2, req.version);
  if (req.rawState) w.message(3, encodeRawState(req.rawState));
  return w.finish();
}
export function decodeUpgradeResourceStateRequest(bytes: Uint8Array): UpgradeResourceStateRequest {
  const out: UpgradeResourceStateRequest = { typeName: "", version: 0 };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.typeName = r.string();
    else if (key === varintKey(2)) out.version = r.int64Number();
    else if (key === lenKey(3)) out.rawState = decodeRawState(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}

// ReadResource.Request { type_name = 1; current_state = 2; bytes private = 3; provider_meta = 4; client_capabilities = 5; }
export function encodeReadResourceRequest(req: ReadResourceRequest): Uint8Array {
  const w = new Writer().string(1, req.typeName);
  writeDynamicValue(w, 2, req.currentState);
  w.bytes(3, req.private);
  writeDynamicValue(w, 4, req.providerMeta);
  writeClientCapabilities(w, 5, req.clientCapabilities);
  return w.finish();
}
export function decodeReadResourceRequest(bytes: Uint8Array): ReadResourceRequest {
  const out: ReadResourceRequest = { typeName: "", private: EMPTY_BYTES };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.typeName = r.string();
    else if (key === lenKey(2)) out.currentState = decodeDynamicValue(r.bytes());
    else if (key === lenKey(3)) out.private = r.bytes();
    else if (key === lenKey(4)) out.providerMeta = decodeDynamicValue(r.bytes());
    else if (key === lenKey(5)) out.clientCapabilities = decodeClientCapabilities(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}

// PlanResourceChange.Request { type_name = 1; prior_state = 2; proposed_new_state = 3; config = 4;
//                              bytes prior_private = 5; provider_meta = 6; client_capabilities = 7; }
export function encodePlanResourceChangeRequest(req: PlanResourceChangeRequest): Uint8Array {
  const w = new Writer().string(1, req.typeName);
  writeDynamicValue(w, 2, req.priorState);
  writeDynamicValue(w, 3, req.proposedNewState);
  writeDynamicValue(w, 4, req.config);
  w.bytes(5, req.priorPrivate);
  writeDynamicValue(w, 6, req.providerMeta);
  writeClientCapabilities(w, 7, req.clientCapabilities);
  return w.finish();
}
export function decodePlanResourceChangeRequest(bytes: Uint8Array): PlanResourceChangeRequest {
  const out: PlanResourceChangeRequest = { typeName: "", priorPrivate: EMPTY_BYTES };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.typeName = r.string();
    else if (key === lenKey(2)) out.priorState = decodeDynamicValue(r.bytes());
    else if (key === lenKey(3)) out.proposedNewState = decodeDynamicValue(r.bytes());
    else if (key === lenKey(4)) out.config = decodeDynamicValue(r.bytes());
    else if (key === lenKey(5)) out.priorPrivate = r.bytes();
    else if (key === lenKey(6)) out.providerMeta = decodeDynamicValue(r.bytes());
    else if (key === lenKey(7)) out.clientCapabilities = decodeClientCapabilities(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}

// ApplyResourceChange.Request { type_name = 1; prior_state = 2; planned_state = 3; config = 4;
//                               bytes planned_private = 5; provider_meta = 6; }
export function encodeApplyResourceChangeRequest(req: ApplyResourceChangeRequest): Uint8Array {
  const w = new Writer().string(1, req.typeName);
  writeDynamicValue(w, 2, req.priorState);
  writeDynamicValue(w, 3, req.plannedState);
  writeDynamicValue(w, 4, req.config);
  w.bytes(5, req.plannedPrivate);
  writeDynamicValue(w, 6, req.providerMeta);
  return w.finish();
}
export function decodeApplyResourceChangeRequest(bytes: Uint8Array): ApplyResourceChangeRequest {
  const out: ApplyResourceChangeRequest = { typeName: "", plannedPrivate: EMPTY_BYTES };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.typeName = r.string();
    else if (key === lenKey(2)) out.priorState = decodeDynamicValue(r.bytes());
    else if (key === lenKey(3)) out.plannedState = decodeDynamicValue(r.bytes());
    else if (key === lenKey(4)) out.config = decodeDynamicValue(r.bytes());
    else if (key === lenKey(5)) out.plannedPrivate = r.bytes();
    else if (key === lenKey(6)) out.providerMeta = decodeDynamicValue(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}

// ImportResourceState.Request { string type_name = 1; string id = 2; ClientCapabilities client_capabilities = 3; }
export function encodeImportResourceStateRequest(req: ImportResourceStateRequest): Uint8Array {
  const w = new Writer().string(1, req.typeName).string(2, req.id);
  writeClientCapabilities(w, 3, req.clientCapabilities);
  return w.finish();
}
export function decodeImportResourceStateRequest(bytes: Uint8Array): ImportResourceStateRequest {
  const out: ImportResourceStateRequest = { typeName: "", id: "" };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.typeName = r.string();
    else if (key === lenKey(2)) out.id = r.string();
    else if (key === lenKey(3)) out.clientCapabilities = decodeClientCapabilities(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}

// ReadDataSource.Request { type_name = 1; config = 2; provider_meta = 3; client_capabilities = 4; }
export function encodeReadDataSourceRequest(req: ReadDataSourceRequest): Uint8Array {
  const w = new Writer().string(1, req.typeName);
  writeDynamicValue(w, 2, req.config);
  writeDynamicValue(w, 3, req.providerMeta);
  writeClientCapabilities(w, 4, req.clientCapabilities);
  return w.finish();
}
export function decodeReadDataSourceRequest(bytes: Uint8Array): ReadDataSourceRequest {
  const out: ReadDataSourceRequest = { typeName: "" };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.typeName = r.string();
    else if (key === lenKey(2)) out.config = decodeDynamicValue(r.bytes());
    else if (key === lenKey(3)) out.providerMeta = decodeDynamicValue(r.bytes());
    else if (key === lenKey(4)) out.clientCapabilities = decodeClientCapabilities(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}
