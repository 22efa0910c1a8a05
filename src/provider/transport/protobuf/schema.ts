/**
 * Encoders and decoders for tfplugin6 `Schema` and its parts (Block, Attribute, NestedBlock,
 * Object). Field numbers: tfplugin6.8.proto, message Schema.
 */
import type {
  BlockNesting,
  ObjectNesting,
  Schema,
  SchemaAttribute,
  SchemaBlock,
  SchemaNestedBlock,
  SchemaObject,
  StringKind,
} from "../../protocol/types";
import { EMPTY_BYTES } from "./common";
import { lenKey, Reader, varintKey, Writer } from "./wire";

// StringKind: PLAIN = 0, MARKDOWN = 1.
const stringKindNumber = (kind: StringKind): number => (kind === "markdown" ? 1 : 0);
const stringKindOf = (n: number): StringKind => (n === 1 ? "markdown" : "plain");

// NestedBlock.NestingMode: INVALID = 0, SINGLE = 1, LIST = 2, SET = 3, MAP = 4, GROUP = 5.
// Object.NestingMode uses the same numbers without GROUP.
const NESTING: readonly BlockNesting[] = ["single", "list", "set", "map", "group"];
const nestingNumber = (nesting: BlockNesting | ObjectNesting): number => NESTING.indexOf(nesting) + 1;
const blockNestingOf = (n: number): BlockNesting => NESTING[n - 1] ?? "single";
const objectNestingOf = (n: number): ObjectNesting => {
  const nesting = NESTING[n - 1];
  return nesting === undefined || nesting === "group" ? "single" : nesting;
};

// ---- Attribute { name = 1; type = 2; description = 3; required = 4; optional = 5; computed = 6;
//                  sensitive = 7; description_kind = 8; deprecated = 9; nested_type = 10; write_only = 11; }

export function encodeSchemaAttribute(a: SchemaAttribute): Uint8Array {
  const w = new Writer().string(1, a.name).bytes(2, a.type);
  if (a.nestedType) w.message(10, encodeSchemaObject(a.nestedType));
  return w
    .string(3, a.description)
    .bool(4, a.required)
    .bool(5, a.optional)
    .bool(6, a.computed)
    .bool(7, a.sensitive)
    .varint(8, stringKindNumber(a.descriptionKind))
    .bool(9, a.deprecated)
    .bool(11, a.writeOnly)
    .finish();
}

export function decodeSchemaAttribute(bytes: Uint8Array): SchemaAttribute {
  const a: SchemaAttribute = {
    name: "",
    type: EMPTY_BYTES,
    description: "",
    descriptionKind: "plain",
    required: false,
    optional: false,
    computed: false,
    sensitive: false,
    deprecated: false,
    writeOnly: false,
  };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    switch (key) {
      case lenKey(1):
        a.name = r.string();
        break;
      case lenKey(2):
        a.type = r.bytes();
        break;
      case lenKey(3):
        a.description = r.string();
        break;
      case varintKey(4):
        a.required = r.bool();
        break;
      case varintKey(5):
        a.optional = r.bool();
        break;
      case varintKey(6):
        a.computed = r.bool();
        break;
      case varintKey(7):
        a.sensitive = r.bool();
        break;
      case varintKey(8):
        a.descriptionKind = stringKindOf(r.uint32());
        break;
      case varintKey(9):
        a.deprecated = r.bool();
        break;
      case lenKey(10):
        a.nestedType = decodeSchemaObject(r.bytes());
        break;
      case varintKey(11):
        a.writeOnly = r.bool();
        break;
      default:
        r.skip(key & 7);
    }
  }
  return a;
}

// ---- Object { repeated Attribute attributes = 1; NestingMode nesting = 3; } (4, 5 deprecated)

export function encodeSchemaObject(o: SchemaObject): Uint8Array {
  const w = new Writer();
  for (const a of o.attributes) w.message(1, encodeSchemaAttribute(a));
  return w.varint(3, nestingNumber(o.nesting)).finish();
}

export function decodeSchemaObject(bytes: Uint8Array): SchemaObject {
  const o: SchemaObject = { attributes: [], nesting: "single" };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) o.attributes.push(decodeSchemaAttribute(r.bytes()));
    else if (key === varintKey(3)) o.nesting = objectNestingOf(r.uint32());
    else r.skip(key & 7);
  }
  return o;
}

// ---- NestedBlock { type_name = 1; Block block = 2; nesting = 3; min_items = 4; max_items = 5; }

export function encodeSchemaNestedBlock(b: SchemaNestedBlock): Uint8Array {
  return new Writer()
    .string(1, b.typeName)
    .message(2, encodeSchemaBlock(b.block))
    .varint(3, nestingNumber(b.nesting))
    .int64(4, b.minItems)
    .int64(5, b.maxItems)
    .finish();
}

export function decodeSchemaNestedBlock(bytes: Uint8Array): SchemaNestedBlock {
  const b: SchemaNestedBlock = { typeName: "", block: decodeSchemaBlock(EMPTY_BYTES), nesting: "single", minItems: 0, maxItems: 0 };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === lenKey(1)) b.typeName = r.string();
    else if (key === lenKey(2)) b.block = decodeSchemaBlock(r.bytes());
    else if (key === varintKey(3)) b.nesting = blockNestingOf(r.uint32());
    else if (key === varintKey(4)) b.minItems = r.int64Number();
    else if (key === varintKey(5)) b.maxItems = r.int64Number();
    else r.skip(key & 7);
  }
  return b;
}

// ---- Block { version = 1; attributes = 2; block_types = 3; description = 4; description_kind = 5; deprecated = 6; }

export function encodeSchemaBlock(b: SchemaBlock): Uint8Array {
  const w = new Writer().int64(1, b.version);
  for (const a of b.attributes) w.message(2, encodeSchemaAttribute(a));
  for (const nb of b.blockTypes) w.message(3, encodeSchemaNestedBlock(nb));
  return w
    .string(4, b.description)
    .varint(5, stringKindNumber(b.descriptionKind))
    .bool(6, b.deprecated)
    .finish();
}

export function decodeSchemaBlock(bytes: Uint8Array): SchemaBlock {
  const b: SchemaBlock = { version: 0, attributes: [], blockTypes: [], description: "", descriptionKind: "plain", deprecated: false };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === varintKey(1)) b.version = r.int64Number();
    else if (key === lenKey(2)) b.attributes.push(decodeSchemaAttribute(r.bytes()));
    else if (key === lenKey(3)) b.blockTypes.push(decodeSchemaNestedBlock(r.bytes()));
    else if (key === lenKey(4)) b.description = r.string();
    else if (key === varintKey(5)) b.descriptionKind = stringKindOf(r.uint32());
    else if (key === varintKey(6)) b.deprecated = r.bool();
    else r.skip(key & 7);
  }
  return b;
}

// ---- Schema { int64 version = 1; Block block = 2; } --------------------------------------

export function encodeSchema(s: Schema): Uint8Array {
  return new Writer().int64(1, s.version).message(2, encodeSchemaBlock(s.block)).finish();
}

export function decodeSchema(bytes: Uint8Array): Schema {
  const s: Schema = { version: 0, block: decodeSchemaBlock(EMPTY_BYTES) };
  const r = new Reader(bytes);
  while (r.more()) {
    const key = r.key();
    if (key === varintKey(1)) s.version = r.int64Number();
    else if (key === lenKey(2)) s.block = decodeSchemaBlock(r.bytes());
    else r.skip(key & 7);
  }
  return s;
}
