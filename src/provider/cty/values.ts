/**
 * The JavaScript representation of cty values:
 * - null → `null`; string → `string`; bool → `boolean`;
 * - number → `number` when exact, `bigint` for integers beyond 2^53, `Decimal` for decimals a
 *   float64 cannot hold (so nothing loses precision on a round trip);
 * - list / set / tuple → arrays; map / object → plain objects;
 * - unknown (at any depth) → an `Unknown` instance, possibly carrying refinements;
 * - a known value of DynamicPseudoType → `Dynamic` (its concrete type travels with it).
 */
import type { CtyType } from "./types";

/** A decimal number kept as text because no float64 holds it exactly. */
export class Decimal {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type CtyNumber = number | bigint | Decimal;

export interface NumberBound {
  value: CtyNumber;
  inclusive: boolean;
}

/** What Terraform 1.11 already knows about an unknown value (msgpack extension 0x0c). */
export interface Refinements {
  notNull?: boolean;
  stringPrefix?: string;
  numberLower?: NumberBound;
  numberUpper?: NumberBound;
  lengthLower?: number;
  lengthUpper?: number;
}

export class Unknown {
  constructor(readonly refinements: Readonly<Refinements> = {}) {}
}

/** The plain unknown value (no refinements). */
export const unknown = new Unknown();

/** A known value whose schema type is `dynamic`: the concrete type is carried alongside. */
export class Dynamic {
  constructor(
    readonly type: CtyType,
    readonly value: CtyValue,
  ) {}
}

export type CtyValue = null | string | boolean | CtyNumber | Unknown | Dynamic | CtyValue[] | { [key: string]: CtyValue };

export type CtyObjectValue = { [key: string]: CtyValue };

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/** Does `value` hold an unknown anywhere inside it? */
export function containsUnknown(value: CtyValue): boolean {
  if (value instanceof Unknown) return true;
  if (value instanceof Dynamic) return containsUnknown(value.value);
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isPlainObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

export function isPlainObject(value: unknown): value is CtyObjectValue {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    !(value instanceof Unknown) &&
    !(value instanceof Decimal) &&
    !(value instanceof Dynamic)
  );
}

export function isCtyNumber(value: unknown): value is CtyNumber {
  return typeof value === "number" || typeof value === "bigint" || value instanceof Decimal;
}

/** Replaces every unknown inside `value` with null (used to salvage a state after a bug). */
export function unknownsToNull(value: CtyValue): CtyValue {
  if (value instanceof Unknown) return null;
  if (value instanceof Dynamic) return new Dynamic(value.type, unknownsToNull(value.value));
  if (Array.isArray(value)) return value.map(unknownsToNull);
  if (isPlainObject(value)) {
    const out: CtyObjectValue = {};
    for (const [key, inner] of Object.entries(value)) out[key] = unknownsToNull(inner);
    return out;
  }
  return value;
}
