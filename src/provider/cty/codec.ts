/**
 * cty values over msgpack, directed by the cty type (as Terraform's go-cty `msgpack` package):
 * objects always carry every attribute of their type, unknowns are msgpack extensions, and
 * values of DynamicPseudoType travel as `[type-json-bytes, value]`.
 */
import { MsgpackReader } from "./msgpack-reader";
import { MsgpackWriter } from "./msgpack-writer";
import { numberFromString, numberWireForm } from "./numbers";
import { valuesEqual } from "./equality";
import { type CtyType, cty, friendlyTypeName, typeFromJsonBytes, typeToJsonBytes } from "./types";
import {
  type CtyObjectValue,
  type CtyValue,
  Dynamic,
  isCtyNumber,
  isPlainObject,
  type NumberBound,
  type Refinements,
  Unknown,
  unknown,
} from "./values";

/** A value that does not fit its type, with the path (`a.b[0]`) where that happened. */
export class CtyCodecError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
  }
}

/**
 * Where in the value the codec stands, for error messages; `undefined` on the fast pass, which
 * builds no path strings and catches nothing. Errors are rare: when the fast pass fails, the
 * value is decoded (or encoded) again with paths, and that pass throws the error users see.
 * (A 50-team plan's profile showed the eager paths and a try/catch per value.)
 */
type Path = string | undefined;

/** Attribute names of an object type, in declaration order and sorted (msgpack writes them sorted); computed once per type. */
const attributeNames = new WeakMap<object, { declared: string[]; sorted: string[] }>();
function namesOf(attributes: Record<string, CtyType>): { declared: string[]; sorted: string[] } {
  let names = attributeNames.get(attributes);
  if (!names) {
    const declared = Object.keys(attributes);
    names = { declared, sorted: [...declared].sort() };
    attributeNames.set(attributes, names);
  }
  return names;
}

const REFINED_UNKNOWN_EXT = 0x0c;

export function decodeMsgpack(type: CtyType, bytes: Uint8Array): CtyValue {
  try {
    return decodeFrom(type, bytes, undefined);
  } catch {
    return decodeFrom(type, bytes, ""); // again, with paths: this pass throws the precise error
  }
}

function decodeFrom(type: CtyType, bytes: Uint8Array, root: Path): CtyValue {
  const reader = new MsgpackReader(bytes);
  const value = read(reader, type, root);
  if (!reader.done) throw new CtyCodecError("", `${bytes.length - reader.position} unexpected bytes after the value`);
  return value;
}

export function encodeMsgpack(type: CtyType, value: CtyValue): Uint8Array {
  try {
    return write(new MsgpackWriter(), type, value, undefined).bytes();
  } catch {
    return write(new MsgpackWriter(), type, value, "").bytes(); // again, with paths, for the error
  }
}

function read(r: MsgpackReader, type: CtyType, path: Path): CtyValue {
  if (path === undefined) return readUnchecked(r, type, path);
  try {
    return readUnchecked(r, type, path);
  } catch (error) {
    if (error instanceof CtyCodecError) throw error;
    throw new CtyCodecError(path ?? "", (error as Error).message);
  }
}

function readUnchecked(r: MsgpackReader, type: CtyType, path: Path): CtyValue {
  const kind = r.peekKind();
  if (kind === "ext") return readUnknown(r, type);
  if (kind === "nil") {
    r.readNil();
    return null;
  }
  switch (type.kind) {
    case "string":
      return r.readStr();
    case "bool":
      return r.readBool();
    case "number":
      if (kind === "int") return r.readInt();
      if (kind === "float") return r.readFloat();
      if (kind === "str") return numberFromString(r.readStr());
      throw new CtyCodecError(path ?? "", `expected a number, found msgpack ${kind}`);
    case "dynamic": {
      if (r.readArrayHeader() !== 2) throw new CtyCodecError(path ?? "", "a dynamic value must be a [type, value] pair");
      const typeBytes = r.peekKind() === "str" ? Buffer.from(r.readStr(), "utf8") : r.readBin();
      const concrete = typeFromJsonBytes(typeBytes);
      return new Dynamic(concrete, read(r, concrete, path));
    }
    case "list":
    case "set": {
      const count = r.readArrayHeader();
      const items: CtyValue[] = [];
      for (let i = 0; i < count; i++) items.push(read(r, type.element, path === undefined ? undefined : `${path}[${i}]`));
      return items;
    }
    case "tuple": {
      const count = r.readArrayHeader();
      if (count !== type.elements.length) {
        throw new CtyCodecError(path ?? "", `a tuple of ${type.elements.length} elements is required (${count} given)`);
      }
      return type.elements.map((element, i) => read(r, element, path === undefined ? undefined : `${path}[${i}]`));
    }
    case "map": {
      const count = r.readMapHeader();
      const out: CtyObjectValue = {};
      for (let i = 0; i < count; i++) {
        const key = r.readStr();
        // `out[key] =` would set the prototype instead of adding the key: the value would vanish
        // and Terraform would report the provider's plan as a bug. Said plainly instead.
        if (key === "__proto__") {
          throw new CtyCodecError(path ?? "", 'the map key "__proto__" cannot be used: JavaScript reads it as an object\'s prototype and would silently drop it with its value. Rename the key.');
        }
        out[key] = read(r, type.element, path === undefined ? undefined : `${path}[${JSON.stringify(key)}]`);
      }
      return out;
    }
    case "object": {
      const count = r.readMapHeader();
      const out: CtyObjectValue = {};
      for (const name of namesOf(type.attributes).declared) out[name] = null;
      for (let i = 0; i < count; i++) {
        const name = r.readStr();
        const inner = Object.hasOwn(type.attributes, name) ? type.attributes[name] : undefined;
        if (inner === undefined) throw new CtyCodecError(path ?? "", `unsupported attribute "${name}"`);
        out[name] = read(r, inner, path === undefined ? undefined : (path ? `${path}.${name}` : name));
      }
      return out;
    }
  }
}

/** Any extension is an unknown; ext 0x0c carries Terraform 1.11's refinements. */
function readUnknown(r: MsgpackReader, type: CtyType): CtyValue {
  const ext = r.readExt();
  // Like cty, ignore refinements on DynamicPseudoType (they are not valid there today).
  if (ext.type !== REFINED_UNKNOWN_EXT || ext.payload.length <= 1 || type.kind === "dynamic") return unknown;
  const refinements = readRefinements(new MsgpackReader(ext.payload));
  // cty collapses an unknown refined as "definitely null" into a plain null.
  if (refinements === "null") return null;
  return Object.keys(refinements).length === 0 ? unknown : new Unknown(refinements);
}

function readRefinements(r: MsgpackReader): Refinements | "null" {
  const out: Refinements = {};
  const count = r.readMapHeader();
  for (let i = 0; i < count; i++) {
    const key = r.readInt();
    switch (key) {
      case 1:
        // The payload says "is null": false means the value is known not to be null.
        if (r.readBool()) return "null";
        out.notNull = true;
        break;
      case 2:
        out.stringPrefix = r.readStr();
        break;
      case 3:
        out.numberLower = readBound(r);
        break;
      case 4:
        out.numberUpper = readBound(r);
        break;
      case 5:
        out.lengthLower = Number(r.readInt());
        break;
      case 6:
        out.lengthUpper = Number(r.readInt());
        break;
      default:
        r.skip(); // refinements added later stay readable
    }
  }
  return out;
}

function readBound(r: MsgpackReader): NumberBound {
  const [value, inclusive] = read(r, cty.tuple([cty.number, cty.bool]), "") as [CtyValue, CtyValue];
  if (!isCtyNumber(value) || typeof inclusive !== "boolean") {
    throw new CtyCodecError("", "a number bound refinement must be a [number, bool] pair");
  }
  return { value, inclusive };
}

function write(w: MsgpackWriter, type: CtyType, value: CtyValue | undefined, path: Path): MsgpackWriter {
  if (value instanceof Unknown) return w.ext(0, Uint8Array.of(0));
  if (value === null || value === undefined) return w.nil();
  const mismatch = () => new CtyCodecError(path ?? "", `expected ${friendlyTypeName(type)}, got ${describe(value)}`);
  switch (type.kind) {
    case "string":
      if (typeof value !== "string") throw mismatch();
      return w.str(value);
    case "bool":
      if (typeof value !== "boolean") throw mismatch();
      return w.bool(value);
    case "number": {
      if (!isCtyNumber(value)) throw mismatch();
      const form = numberWireForm(value);
      if ("int" in form) return w.int(form.int);
      if ("float" in form) return w.float64(form.float);
      return w.str(form.str);
    }
    case "dynamic": {
      const dynamic = value instanceof Dynamic ? value : inferDynamic(value);
      if (!dynamic) throw mismatch();
      w.arrayHeader(2);
      w.bin(typeToJsonBytes(dynamic.type));
      return write(w, dynamic.type, dynamic.value, path);
    }
    case "list":
    case "set": {
      if (!Array.isArray(value)) throw mismatch();
      const items = type.kind === "set" ? distinct(type.element, value) : value;
      w.arrayHeader(items.length);
      for (let i = 0; i < items.length; i++) write(w, type.element, items[i], path === undefined ? undefined : `${path}[${i}]`);
      return w;
    }
    case "tuple":
      if (!Array.isArray(value) || value.length !== type.elements.length) throw mismatch();
      w.arrayHeader(value.length);
      type.elements.forEach((element, i) => {
        write(w, element, value[i], path === undefined ? undefined : `${path}[${i}]`);
      });
      return w;
    case "map": {
      if (!isPlainObject(value)) throw mismatch();
      const keys = Object.keys(value).sort();
      w.mapHeader(keys.length);
      for (const key of keys) {
        w.str(key);
        write(w, type.element, value[key], path === undefined ? undefined : `${path}[${JSON.stringify(key)}]`);
      }
      return w;
    }
    case "object": {
      if (!isPlainObject(value)) throw mismatch();
      for (const name in value) {
        if (Object.hasOwn(value, name) && !Object.hasOwn(type.attributes, name)) throw new CtyCodecError(path ?? "", `attribute "${name}" is not part of the type`);
      }
      const names = namesOf(type.attributes).sorted;
      w.mapHeader(names.length);
      for (const name of names) {
        w.str(name);
        write(w, type.attributes[name] as CtyType, value[name], path === undefined ? undefined : (path ? `${path}.${name}` : name));
      }
      return w;
    }
  }
}

/** Sets never hold two equal elements; Terraform would merge them and the counts would differ. */
function distinct(element: CtyType, items: CtyValue[]): CtyValue[] {
  const out: CtyValue[] = [];
  for (const item of items) {
    if (item instanceof Unknown || !out.some((seen) => valuesEqual(element, seen, item))) out.push(item);
  }
  return out;
}

/** Primitive JS values can go into a dynamic slot without a `Dynamic` wrapper. */
function inferDynamic(value: CtyValue): Dynamic | undefined {
  if (typeof value === "string") return new Dynamic(cty.string, value);
  if (typeof value === "boolean") return new Dynamic(cty.bool, value);
  if (isCtyNumber(value)) return new Dynamic(cty.number, value);
  return undefined;
}

function describe(value: CtyValue): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "bigint") return "a bigint";
  if (isPlainObject(value)) return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}
