/**
 * Type-directed equality of cty values: sets compare without order, numbers compare by value
 * whatever their JS form, and two unknowns are equal (refinements are ignored).
 */
import { numbersEqual } from "./numbers";
import type { CtyType } from "./types";
import { type CtyValue, Dynamic, isCtyNumber, isPlainObject, Unknown } from "./values";

export function valuesEqual(type: CtyType, a: CtyValue, b: CtyValue): boolean {
  if (a instanceof Unknown || b instanceof Unknown) return a instanceof Unknown && b instanceof Unknown;
  if (a === null || b === null) return a === b;
  switch (type.kind) {
    case "string":
    case "bool":
      return a === b;
    case "number":
      return isCtyNumber(a) && isCtyNumber(b) && numbersEqual(a, b);
    case "dynamic":
      return (
        a instanceof Dynamic &&
        b instanceof Dynamic &&
        JSON.stringify(a.type) === JSON.stringify(b.type) &&
        valuesEqual(a.type, a.value, b.value)
      );
    case "list":
      return (
        Array.isArray(a) &&
        Array.isArray(b) &&
        a.length === b.length &&
        a.every((item, i) => valuesEqual(type.element, item, b[i] as CtyValue))
      );
    case "tuple":
      return (
        Array.isArray(a) &&
        Array.isArray(b) &&
        a.length === b.length &&
        a.every((item, i) => valuesEqual(type.elements[i] as CtyType, item, b[i] as CtyValue))
      );
    case "set":
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length && setsEqual(type.element, a, b);
    case "map":
      return isPlainObject(a) && isPlainObject(b) && recordsEqual(a, b, () => type.element);
    case "object":
      return (
        isPlainObject(a) &&
        isPlainObject(b) &&
        Object.entries(type.attributes).every(([name, inner]) => valuesEqual(inner, a[name] ?? null, b[name] ?? null))
      );
  }
}

function setsEqual(element: CtyType, a: CtyValue[], b: CtyValue[]): boolean {
  const unmatched = [...b];
  for (const item of a) {
    const at = unmatched.findIndex((other) => valuesEqual(element, item, other));
    if (at < 0) return false;
    unmatched.splice(at, 1);
  }
  return true;
}

function recordsEqual(
  a: Record<string, CtyValue>,
  b: Record<string, CtyValue>,
  typeOf: (key: string) => CtyType,
): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && valuesEqual(typeOf(key), a[key] as CtyValue, b[key] as CtyValue));
}
