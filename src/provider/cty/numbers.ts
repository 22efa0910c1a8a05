/**
 * cty numbers are arbitrary-precision decimals. Terraform sends them as a msgpack integer, a
 * float64 or a decimal string; these helpers turn each into the most natural exact JS form and
 * compare numbers across forms.
 */
import { type CtyNumber, Decimal } from "./values";

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export class CtyNumberError extends Error {}

/** Parses a decimal string: number when exact, bigint for big integers, Decimal otherwise. */
export function numberFromString(text: string): CtyNumber {
  const trimmed = text.trim();
  if (/^[+-]?\d+$/.test(trimmed)) return integerFromBigInt(BigInt(trimmed));
  const canonical = canonicalDecimal(trimmed);
  if (canonical === undefined) throw new CtyNumberError(`"${text}" is not a decimal number`);
  const asFloat = Number(trimmed);
  if (Number.isFinite(asFloat) && canonicalDecimal(String(asFloat)) === canonical) {
    return asFloat;
  }
  const asInteger = integerFromCanonical(canonical);
  if (asInteger !== undefined) return integerFromBigInt(asInteger);
  return new Decimal(trimmed);
}

export function integerFromBigInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * The one-and-only spelling of a decimal value: `-123e4` style, digits without leading or
 * trailing zeros. `undefined` when `text` is not a decimal.
 */
export function canonicalDecimal(text: string): string | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = match;
  if (whole === "" && fraction === "") return undefined;
  let digits = (whole + fraction).replace(/^0+/, "");
  if (digits === "") return "0";
  let scale = BigInt(exponent) - BigInt(fraction.length);
  const trailing = digits.length - digits.replace(/0+$/, "").length;
  digits = digits.slice(0, digits.length - trailing);
  scale += BigInt(trailing);
  return `${sign === "-" ? "-" : ""}${digits}e${scale}`;
}

function integerFromCanonical(canonical: string): bigint | undefined {
  const [digits = "", scale = "0"] = canonical.split("e");
  const exponent = Number(scale);
  if (exponent < 0 || exponent > 4096) return undefined;
  return BigInt(digits + "0".repeat(exponent));
}

/** The canonical decimal form of any CtyNumber (for equality). */
export function numberKey(value: CtyNumber): string {
  if (typeof value === "bigint") return canonicalDecimal(value.toString()) as string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return String(value);
    // Integers beyond 2^53 print with exponents; go through bigint to keep every digit.
    if (Number.isInteger(value)) return canonicalDecimal(BigInt(value).toString()) as string;
    return canonicalDecimal(String(value)) as string;
  }
  return canonicalDecimal(value.text) ?? value.text;
}

export function numbersEqual(a: CtyNumber, b: CtyNumber): boolean {
  // Two JS numbers (almost every number in a plan): compared as they are, without building two
  // canonical strings (a 50-team plan's profile). -0 equals 0, as their canonical forms do.
  if (typeof a === "number" && typeof b === "number") return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return numberKey(a) === numberKey(b);
}

/** How a number goes on the wire, mirroring cty: integer if it fits int64, else float64 or string. */
export type NumberWireForm = { int: bigint } | { float: number } | { str: string };

export function numberWireForm(value: CtyNumber): NumberWireForm {
  if (typeof value === "bigint") {
    return value >= INT64_MIN && value <= INT64_MAX ? { int: value } : { str: value.toString() };
  }
  if (value instanceof Decimal) return { str: value.text };
  if (Number.isNaN(value)) throw new CtyNumberError("NaN is not a valid cty number");
  if (Number.isInteger(value)) {
    const big = BigInt(value);
    return big >= INT64_MIN && big <= INT64_MAX ? { int: big } : { float: value };
  }
  if (!Number.isFinite(value)) return { float: value };
  // A fractional JS number stands for its shortest decimal spelling (what the user wrote, e.g.
  // 0.1). Sending that text lets Terraform parse the same arbitrary-precision value it holds
  // for the configuration; a float64 would differ from it in the 17th digit.
  return { str: String(value) };
}
