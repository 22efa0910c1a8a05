/**
 * A tiny DER (ASN.1 Distinguished Encoding Rules) encoder: just the types an X.509 v3
 * certificate needs. Each function returns the complete TLV (tag, length, value).
 */

function tlv(tag: number, value: Uint8Array): Buffer {
  const length = value.length;
  let lengthBytes: number[];
  if (length < 0x80) lengthBytes = [length];
  else {
    const octets: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n % 256);
    lengthBytes = [0x80 | octets.length, ...octets];
  }
  return Buffer.concat([Buffer.from([tag, ...lengthBytes]), value]);
}

export const sequence = (...items: Uint8Array[]): Buffer => tlv(0x30, Buffer.concat(items));
export const set = (...items: Uint8Array[]): Buffer => tlv(0x31, Buffer.concat(items));
export const octetString = (value: Uint8Array): Buffer => tlv(0x04, value);
export const utf8String = (value: string): Buffer => tlv(0x0c, Buffer.from(value, "utf8"));
export const boolean = (value: boolean): Buffer => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));

/** A non-negative INTEGER from big-endian magnitude bytes, minimally encoded. */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const needsPad = ((trimmed[0] ?? 0) & 0x80) !== 0;
  return tlv(0x02, needsPad ? Buffer.concat([Buffer.from([0]), trimmed]) : Buffer.from(trimmed));
}

export const smallInteger = (value: number): Buffer => unsignedInteger(Buffer.from([value]));

/** BIT STRING with `unusedBits` padding bits at the end of the last byte. */
export const bitString = (bytes: Uint8Array, unusedBits = 0): Buffer => tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));

/** OBJECT IDENTIFIER from dotted text, e.g. "2.5.29.17". */
export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split(".").map(Number);
  const [first = 0, second = 0, ...rest] = arcs;
  const bytes: number[] = [first * 40 + second];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime (years 1950–2049) as the profile RFC 5280 requires: YYMMDDHHMMSSZ. */
export function utcTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year < 1950 || year >= 2050) throw new Error(`UTCTime cannot express year ${year}`);
  const two = (n: number) => String(n).padStart(2, "0");
  const text = `${two(year % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(
    date.getUTCMinutes(),
  )}${two(date.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(text, "ascii"));
}

/** Context-specific constructed tag `[n]` wrapping an already-encoded value (EXPLICIT tagging). */
export const explicit = (n: number, inner: Uint8Array): Buffer => tlv(0xa0 | n, inner);

/** Context-specific primitive tag `[n]` replacing the value's own tag (IMPLICIT tagging). */
export const implicitPrimitive = (n: number, value: Uint8Array): Buffer => tlv(0x80 | n, value);
