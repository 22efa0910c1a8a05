/**
 * Encoders and decoders for the tfplugin6 building blocks shared by many RPCs:
 * DynamicValue, AttributePath, Diagnostic, capabilities and RawState.
 * Field numbers: hashicorp/terraform docs/plugin-protocol/tfplugin6.8.proto (v1.11.4).
 */
import type {
  AttributePath,
  AttributePathStep,
  ClientCapabilities,
  Diagnostic,
  DynamicValue,
  RawState,
  ServerCapabilities,
} from "../../protocol/types";
import { lenKey, Reader, varintKey, Writer } from "./wire";

export const EMPTY_BYTES = new Uint8Array(0);

// ---- DynamicValue { bytes msgpack = 1; bytes json = 2; } -------------------------------

export function encodeDynamicValue(value: DynamicValue): Uint8Array {
  const w = new Writer();
  if (value.msgpack) w.bytes(1, value.msgpack);
  if (value.json) w.bytes(2, value.json);
  return w.finish();
}

export function decodeDynamicValue(bytes: Uint8Array): DynamicValue {
  const out: DynamicValue = {};
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.msgpack = r.bytes();
    else if (key === lenKey(2)) out.json = r.bytes();
    else r.skip(key & 7);
  }
  return out;
}

/** Writes an optional DynamicValue field: absent stays absent, present (even empty) is sent. */
export function writeDynamicValue(w: Writer, field: number, value: DynamicValue | undefined): void {
  if (value) w.message(field, encodeDynamicValue(value));
}

// ---- AttributePath { repeated Step steps = 1; } -----------------------------------------
// Step { oneof selector { string attribute_name = 1; string element_key_string = 2; int64 element_key_int = 3; } }

function encodeStep(step: AttributePathStep): Uint8Array {
  const w = new Writer();
  // A oneof member is written even when it holds the default value, so "" and 0 survive.
  if ("attributeName" in step) w.message(1, new TextEncoder().encode(step.attributeName));
  else if ("elementKeyString" in step) w.message(2, new TextEncoder().encode(step.elementKeyString));
  else if (step.elementKeyInt === 0n) return new Uint8Array([varintKey(3), 0]);
  else w.int64(3, step.elementKeyInt);
  return w.finish();
}

function decodeStep(bytes: Uint8Array): AttributePathStep {
  const r = new Reader(bytes);
  let step: AttributePathStep | undefined;
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) step = { attributeName: r.string() };
    else if (key === lenKey(2)) step = { elementKeyString: r.string() };
    else if (key === varintKey(3)) step = { elementKeyInt: r.int64() };
    else r.skip(key & 7);
  }
  // An empty step cannot be expressed in types.ts; the closest meaning is an empty attribute name.
  return step ?? { attributeName: "" };
}

export function encodeAttributePath(path: AttributePath): Uint8Array {
  const w = new Writer();
  for (const step of path.steps) w.message(1, encodeStep(step));
  return w.finish();
}

export function decodeAttributePath(bytes: Uint8Array): AttributePath {
  const steps: AttributePathStep[] = [];
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) steps.push(decodeStep(r.bytes()));
    else r.skip(key & 7);
  }
  return { steps };
}

// ---- Diagnostic { Severity severity = 1; string summary = 2; string detail = 3; AttributePath attribute = 4; }
// Severity: INVALID = 0, ERROR = 1, WARNING = 2.

export function encodeDiagnostic(diagnostic: Diagnostic): Uint8Array {
  const w = new Writer()
    .varint(1, diagnostic.severity === "warning" ? 2 : 1)
    .string(2, diagnostic.summary)
    .string(3, diagnostic.detail ?? "");
  if (diagnostic.attribute) w.message(4, encodeAttributePath(diagnostic.attribute));
  return w.finish();
}

export function decodeDiagnostic(bytes: Uint8Array): Diagnostic {
  const out: Diagnostic = { severity: "error", summary: "" };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    // INVALID (0) has no place in types.ts; anything but WARNING is shown as an error.
    if (key === varintKey(1)) out.severity = r.uint32() === 2 ? "warning" : "error";
    else if (key === lenKey(2)) out.summary = r.string();
    else if (key === lenKey(3)) out.detail = r.string();
    else if (key === lenKey(4)) out.attribute = decodeAttributePath(r.bytes());
    else r.skip(key & 7);
  }
  return out;
}

export function writeDiagnostics(w: Writer, field: number, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) w.message(field, encodeDiagnostic(diagnostic));
}

// ---- ServerCapabilities { bool plan_destroy = 1; bool get_provider_schema_optional = 2; bool move_resource_state = 3; }

export function encodeServerCapabilities(caps: ServerCapabilities): Uint8Array {
  return new Writer()
    .bool(1, caps.planDestroy)
    .bool(2, caps.getProviderSchemaOptional)
    .bool(3, caps.moveResourceState)
    .finish();
}

export function decodeServerCapabilities(bytes: Uint8Array): ServerCapabilities {
  const out: ServerCapabilities = { planDestroy: false, getProviderSchemaOptional: false, moveResourceState: false };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === varintKey(1)) out.planDestroy = r.bool();
    else if (key === varintKey(2)) out.getProviderSchemaOptional = r.bool();
    else if (key === varintKey(3)) out.moveResourceState = r.bool();
    else r.skip(key & 7);
  }
  return out;
}

// ---- ClientCapabilities { bool deferral_allowed = 1; bool write_only_attributes_allowed = 2; }

export function encodeClientCapabilities(caps: ClientCapabilities): Uint8Array {
  return new Writer().bool(1, caps.deferralAllowed).bool(2, caps.writeOnlyAttributesAllowed).finish();
}

export function decodeClientCapabilities(bytes: Uint8Array): ClientCapabilities {
  const out: ClientCapabilities = { deferralAllowed: false, writeOnlyAttributesAllowed: false };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === varintKey(1)) out.deferralAllowed = r.bool();
    else if (key === varintKey(2)) out.writeOnlyAttributesAllowed = r.bool();
    else r.skip(key & 7);
  }
  return out;
}

export function writeClientCapabilities(w: Writer, field: number, caps: ClientCapabilities | undefined): void {
  if (caps) w.message(field, encodeClientCapabilities(caps));
}

// ---- RawState { bytes json = 1; map<string, string> flatmap = 2; } ----------------------
// A map field is a repeated entry message { key = 1; value = 2; }.

export function encodeRawState(state: RawState): Uint8Array {
  const w = new Writer();
  if (state.json) w.bytes(1, state.json);
  for (const [k, v] of Object.entries(state.flatmap ?? {})) {
    w.message(2, new Writer().string(1, k).string(2, v).finish());
  }
  return w.finish();
}

export function decodeRawState(bytes: Uint8Array): RawState {
  const out: RawState = {};
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) out.json = r.bytes();
    else if (key === lenKey(2)) {
      const [k, v] = decodeStringEntry(r.bytes());
      out.flatmap = out.flatmap ?? {};
      out.flatmap[k] = v;
    } else r.skip(key & 7);
  }
  return out;
}

function decodeStringEntry(bytes: Uint8Array): [string, string] {
  let k = "";
  let v = "";
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) k = r.string();
    else if (key === lenKey(2)) v = r.string();
    else r.skip(key & 7);
  }
  return [k, v];
}

/** Reads one map<string, Message> entry: { string key = 1; Message value = 2; }. */
export function decodeMessageEntry<T>(bytes: Uint8Array, decodeValue: (b: Uint8Array) => T): [string, T] {
  let k = "";
  let value: Uint8Array = EMPTY_BYTES;
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) k = r.string();
    else if (key === lenKey(2)) value = r.bytes();
    else r.skip(key & 7);
  }
  return [k, decodeValue(value)];
}

export function writeMessageMap<T>(
  w: Writer,
  field: number,
  entries: Record<string, T>,
  encodeValue: (v: T) => Uint8Array,
): void {
  for (const [k, v] of Object.entries(entries)) {
    w.message(field, new Writer().string(1, k).message(2, encodeValue(v)).finish());
  }
}
