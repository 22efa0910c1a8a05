/**
 * Protocol Buffers wire format: the few primitives tfplugin6 needs (varint, int64, bool,
 * length-delimited bytes/strings/messages) and skipping of fields we do not know.
 * https://protobuf.dev/programming-guides/encoding/
 */

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

/** The key of a varint field, for `switch (reader.key())`. */
export const varintKey = (field: number): number => (field << 3) | WIRE_VARINT;
/** The key of a length-delimited field (bytes, string, message, map entry). */
export const lenKey = (field: number): number => (field << 3) | WIRE_LEN;

export class ProtobufDecodeError extends Error {
  constructor(message: string) {
    super(`malformed protobuf: ${message}`);
    this.name = "ProtobufDecodeError";
  }
}

const utf8Encoder = new TextEncoder();
const TWO_POW_32 = 0x1_0000_0000;

export class Reader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  more(): boolean {
    return this.pos < this.buf.length;
  }

  /** The next field key: `field << 3 | wireType`. */
  key(): number {
    return this.uint32();
  }

  uint32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.byte();
      if (shift < 28) result |= (byte & 0x7f) << shift;
      else if (shift === 28) result += (byte & 0x0f) * 2 ** 28;
      // Higher bits (an int32 sign-extended to 10 bytes) are dropped: callers want 32 bits.
      if ((byte & 0x80) === 0) return result >>> 0;
      shift += 7;
      if (shift > 63) throw new ProtobufDecodeError("varint longer than 10 bytes");
    }
  }

  /** An int64 as a bigint (two's complement, so negative values round-trip). */
  int64(): bigint {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (;;) {
      const byte = this.byte();
      const bits = byte & 0x7f;
      if (shift < 28) lo += bits * 2 ** shift;
      else if (shift === 28) {
        lo += (bits & 0x0f) * 2 ** 28;
        hi += bits >>> 4;
      } else hi += bits * 2 ** (shift - 32);
      if ((byte & 0x80) === 0) break;
      shift += 7;
      if (shift > 63) throw new ProtobufDecodeError("varint longer than 10 bytes");
    }
    const unsigned = (BigInt(hi % TWO_POW_32) << 32n) | BigInt(lo);
    return BigInt.asIntN(64, unsigned);
  }

  /** An int64 that the schema keeps small (versions, item counts) as a number. */
  int64Number(): number {
    return Number(this.int64());
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  /** Length-delimited bytes as a view (no copy) into the message buffer. */
  bytes(): Uint8Array {
    const length = this.uint32();
    const end = this.pos + length;
    if (end > this.buf.length) throw new ProtobufDecodeError(`length ${length} runs past the end of the message`);
    const view = new Uint8Array(this.buf.buffer, this.buf.byteOffset + this.pos, length);
    this.pos = end;
    return view;
  }

  string(): string {
    const view = this.bytes();
    // Buffer's UTF-8 decoding needs no TextDecoder set-up (measurable at start-up).
    return Buffer.from(view.buffer, view.byteOffset, view.length).toString("utf8");
  }

  /** Skip a field of the given wire type (unknown fields are allowed and ignored). */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        while (this.byte() & 0x80);
        return;
      case WIRE_I64:
        this.advance(8);
        return;
      case WIRE_LEN:
        this.advance(this.uint32());
        return;
      case WIRE_I32:
        this.advance(4);
        return;
      default:
        throw new ProtobufDecodeError(`unsupported wire type ${wireType}`);
    }
  }

  private advance(count: number): void {
    if (this.pos + count > this.buf.length) throw new ProtobufDecodeError("field runs past the end of the message");
    this.pos += count;
  }

  private byte(): number {
    if (this.pos >= this.buf.length) throw new ProtobufDecodeError("truncated varint");
    return this.buf[this.pos++] as number;
  }
}

/**
 * Appends fields to a growing buffer. Proto3 rules: scalar fields equal to their default
 * (0, false, "", empty bytes) are omitted; sub-messages are written whenever present.
 */
export class Writer {
  private buf = new Uint8Array(64);
  private pos = 0;

  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  varint(field: number, value: number): this {
    if (value === 0) return this;
    this.rawVarint(varintKey(field));
    if (value < 0) this.rawVarint64(BigInt.asUintN(64, BigInt(value)));
    else this.rawVarint(value);
    return this;
  }

  int64(field: number, value: bigint | number): this {
    if (value === 0 || value === 0n) return this;
    this.rawVarint(varintKey(field));
    this.rawVarint64(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  bool(field: number, value: boolean): this {
    return value ? this.varint(field, 1) : this;
  }

  string(field: number, value: string): this {
    if (value === "") return this;
    return this.lenField(field, utf8Encoder.encode(value));
  }

  bytes(field: number, value: Uint8Array): this {
    if (value.length === 0) return this;
    return this.lenField(field, value);
  }

  /** A sub-message (already encoded); written even when empty, because presence matters. */
  message(field: number, encoded: Uint8Array): this {
    return this.lenField(field, encoded);
  }

  private lenField(field: number, value: Uint8Array): this {
    this.rawVarint(lenKey(field));
    this.rawVarint(value.length);
    this.reserve(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  private rawVarint(value: number): void {
    this.reserve(10);
    let v = value;
    while (v > 0x7f) {
      this.buf[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }

  private rawVarint64(value: bigint): void {
    this.reserve(10);
    let v = value;
    while (v > 0x7fn) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  private reserve(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }
}
