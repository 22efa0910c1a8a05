/**
 * Decoding the JSON form of a cty value against a type, as UpgradeResourceState needs for
 * `raw_state.json`. The stored state may come from an older schema, so attributes the type no
 * longer has are dropped and attributes it gained are null. Numbers keep every digit: the JSON
 * is read by a small parser that leaves number tokens as text.
 */
import { numberFromString } from "./numbers";
import { type CtyType, typeFromJson } from "./types";
import { type CtyObjectValue, type CtyValue, Dynamic } from "./values";

/** A JSON number token, kept as written. */
class JsonNumber {
  constructor(readonly text: string) {}
}

type Json = null | boolean | string | JsonNumber | Json[] | { [key: string]: Json };

export class CtyJsonError extends Error {}

export function decodeJsonState(type: CtyType, bytes: Uint8Array | string): CtyValue {
  const text = typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8");
  return fromJson(type, parseJson(text), "");
}

function fromJson(type: CtyType, json: Json, path: string): CtyValue {
  if (json === null) return null;
  const fail = (expected: string) => new CtyJsonError(`${path || "state"}: expected ${expected}, found ${kindOf(json)}`);
  switch (type.kind) {
    case "string":
      if (typeof json === "string") return json;
      if (json instanceof JsonNumber) return json.text;
      if (typeof json === "boolean") return String(json);
      throw fail("a string");
    case "number":
      if (json instanceof JsonNumber || typeof json === "string") {
        return numberFromString(json instanceof JsonNumber ? json.text : json);
      }
      throw fail("a number");
    case "bool":
      if (typeof json === "boolean") return json;
      if (json === "true" || json === "false") return json === "true";
      throw fail("a bool");
    case "list":
    case "set":
      if (!Array.isArray(json)) throw fail("an array");
      return json.map((item, i) => fromJson(type.element, item, `${path}[${i}]`));
    case "tuple":
      if (!Array.isArray(json) || json.length !== type.elements.length) throw fail(`an array of ${type.elements.length}`);
      return json.map((item, i) => fromJson(type.elements[i] as CtyType, item, `${path}[${i}]`));
    case "map": {
      if (!isJsonObject(json)) throw fail("an object");
      const out: CtyObjectValue = {};
      for (const [key, inner] of Object.entries(json)) out[key] = fromJson(type.element, inner, `${path}[${JSON.stringify(key)}]`);
      return out;
    }
    case "object": {
      if (!isJsonObject(json)) throw fail("an object");
      const out: CtyObjectValue = {};
      for (const [name, inner] of Object.entries(type.attributes)) {
        out[name] = name in json ? fromJson(inner, json[name] as Json, path ? `${path}.${name}` : name) : null;
      }
      return out;
    }
    case "dynamic": {
      // cty's JSON for a dynamic slot: {"value": ..., "type": <type JSON>}.
      if (!isJsonObject(json) || !("type" in json)) throw fail('an object with "value" and "type"');
      const concrete = typeFromJson(plain(json.type as Json));
      return new Dynamic(concrete, fromJson(concrete, (json.value ?? null) as Json, path));
    }
  }
}

function isJsonObject(json: Json): json is { [key: string]: Json } {
  return json !== null && typeof json === "object" && !Array.isArray(json) && !(json instanceof JsonNumber);
}

function kindOf(json: Json): string {
  if (json instanceof JsonNumber) return "a number";
  if (Array.isArray(json)) return "an array";
  if (isJsonObject(json)) return "an object";
  return `${typeof json} ${JSON.stringify(json)}`;
}

/** Back to ordinary JSON values (used for embedded type descriptions). */
function plain(json: Json): unknown {
  if (json instanceof JsonNumber) return Number(json.text);
  if (Array.isArray(json)) return json.map(plain);
  if (isJsonObject(json)) return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, plain(v)]));
  return json;
}

/** A JSON number token (sticky: matched where the parser stands, without slicing the text). */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A strict JSON parser (RFC 8259) that keeps number tokens as text. */
function parseJson(text: string): Json {
  let at = 0;
  const fail = (what: string): never => {
    throw new CtyJsonError(`invalid state JSON at offset ${at}: ${what}`);
  };
  // Char codes, not one-character strings: this runs for every state on every plan.
  const space = () => {
    for (;;) {
      const c = text.charCodeAt(at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      at++;
    }
  };
  const value = (): Json => {
    space();
    const c = text[at];
    if (c === "{") {
      at++;
      const out: { [key: string]: Json } = {};
      space();
      if (text[at] === "}") {
        at++;
        return out;
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail("expected a property name");
        const key = string();
        space();
        if (text[at++] !== ":") fail('expected ":"');
        out[key] = value();
        space();
        const next = text[at++];
        if (next === "}") return out;
        if (next !== ",") fail('expected "," or "}"');
      }
    }
    if (c === "[") {
      at++;
      const out: Json[] = [];
      space();
      if (text[at] === "]") {
        at++;
        return out;
      }
      for (;;) {
        out.push(value());
        space();
        const next = text[at++];
        if (next === "]") return out;
        if (next !== ",") fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    if (c === "t" && text.startsWith("true", at)) {
      at += 4;
      return true;
    }
    if (c === "f" && text.startsWith("false", at)) {
      at += 5;
      return false;
    }
    if (c === "n" && text.startsWith("null", at)) {
      at += 4;
      return null;
    }
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) return fail("expected a value");
    at += match[0].length;
    return new JsonNumber(match[0]);
  };
  const string = (): string => {
    const start = at;
    at++;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 0x22 || Number.isNaN(c)) break; // closing quote, or the end of the text
      if (c === 0x5c) escaped = true;
      // Control characters are invalid inside a JSON string: JSON.parse below says so.
      if (c < 0x20) escaped = true;
      at += c === 0x5c ? 2 : 1;
    }
    if (at >= text.length) fail("unterminated string");
    at++;
    // Without escapes the text between the quotes is the string itself.
    return escaped ? (JSON.parse(text.slice(start, at)) as string) : text.slice(start + 1, at - 1);
  };
  const result = value();
  space();
  if (at !== text.length) fail("unexpected text after the value");
  return result;
}
