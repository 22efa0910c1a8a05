/** Protocol `DynamicValue` ↔ cty values, and the model helpers built on them. */
import {
  type CtyObjectValue,
  type CtyType,
  type CtyValue,
  decodeJsonState,
  decodeMsgpack,
  encodeMsgpack,
  isPlainObject,
  type ObjectType,
} from "../cty";
import type { DynamicValue } from "../protocol/types";
import type { Attributes } from "./attributes";
import { mapNested } from "./plan";

export function decodeDynamicValue(type: CtyType, value: DynamicValue | undefined): CtyValue {
  if (value?.msgpack && value.msgpack.length > 0) return decodeMsgpack(type, value.msgpack);
  if (value?.json && value.json.length > 0) return decodeJsonState(type, value.json);
  return null;
}

/** Decodes an object value; null stays null (no object). */
export function decodeObject(type: ObjectType, value: DynamicValue | undefined): CtyObjectValue | null {
  const decoded = decodeDynamicValue(type, value);
  if (decoded === null) return null;
  if (!isPlainObject(decoded)) throw new Error("expected an object value");
  return decoded;
}

export function encodeDynamicValue(type: CtyType, value: CtyValue): DynamicValue {
  return { msgpack: encodeMsgpack(type, value) };
}

/** An object of the schema with every attribute null. */
export function nullObject(attributes: Attributes): CtyObjectValue {
  return Object.fromEntries(Object.keys(attributes).map((name) => [name, null]));
}

/**
 * A resource's returned values laid over `base`: attributes it returned (not `undefined`) win.
 * Unknown attribute names are kept so the encoder can name them in its error.
 */
export function mergeResult(base: CtyObjectValue, result: Record<string, unknown>): CtyObjectValue {
  const out: CtyObjectValue = { ...base };
  for (const [name, value] of Object.entries(result)) {
    if (value !== undefined) out[name] = value as CtyValue;
  }
  return out;
}

/** `planned` with the write-only values of `config` put back (for create and update). */
export function withConfigWriteOnly(attributes: Attributes, planned: CtyObjectValue, config: CtyObjectValue | null): CtyObjectValue {
  if (config === null) return planned;
  const out: CtyObjectValue = { ...planned };
  for (const [name, attribute] of Object.entries(attributes)) {
    const { spec } = attribute;
    const configValue = config[name] ?? null;
    if (spec.writeOnly) out[name] = configValue;
    else if (spec.nested && spec.nested.nesting !== "set") {
      out[name] = mapNested(spec, out[name] ?? null, (object, key) => {
        const configObject = Array.isArray(configValue)
          ? configValue[key as number]
          : spec.nested?.nesting === "single"
            ? configValue
            : isPlainObject(configValue)
              ? configValue[key as string]
              : null;
        return withConfigWriteOnly(spec.nested?.attributes ?? {}, object, isPlainObject(configObject) ? configObject : null);
      });
    }
  }
  return out;
}
