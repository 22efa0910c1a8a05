/**
 * A minimal msgpack encoder (https://github.com/msgpack/msgpack/blob/master/spec.md), written for
 * cty: it always picks the most compact form, as Terraform's encoder does.
 */
export class MsgpackWriter {
  // A Buffer (not a bare Uint8Array) so strings are encoded straight into it.
  private buffer: Buffer = Buffer.alloc(256);
  private view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
  private length = 0;

  /** A copy of what was written, as a plain Uint8Array. */
  bytes(): Uint8Array {
    return new Uint8Array(this.buffer.subarray(0, this.length));
  }

  nil(): this {
    return this.byte(0xc0);
  }

  bool(value: boolean): this {
    return this.byte(value ? 0xc3 : 0xc2);
  }

  /** An integer in the int64 / uint64 range, in the smallest msgpack integer form. */
  int(value: bigint | number): this {
    const n = BigInt(value);
    const small = Number(n);
    if (n >= 0n) {
      if (n < 0x80n) return this.byte(small);
      if (n <= 0xffn) return this.fixed(0xcc, 1, (v, at) => v.setUint8(at, small));
      if (n <= 0xffffn) return this.fixed(0xcd, 2, (v, at) => v.setUint16(at, small));
      if (n <= 0xffffffffn) return this.fixed(0xce, 4, (v, at) => v.setUint32(at, small));
      if (n <= 0xffffffffffffffffn) return this.fixed(0xcf, 8, (v, at) => v.setBigUint64(at, n));
    } else {
      if (n >= -32n) return this.byte(small & 0xff);
      if (n >= -0x80n) return this.fixed(0xd0, 1, (v, at) => v.setInt8(at, small));
      if (n >= -0x8000n) return this.fixed(0xd1, 2, (v, at) => v.setInt16(at, small));
      if (n >= -0x80000000n) return this.fixed(0xd2, 4, (v, at) => v.setInt32(at, small));
      if (n >= -0x8000000000000000n) return this.fixed(0xd3, 8, (v, at) => v.setBigInt64(at, n));
    }
    throw new RangeError(`integer ${n} does not fit msgpack's 64-bit integer forms`);
  }

  float64(value: number): this {
    return this.fixed(0xcb, 8, (v, at) => v.setFloat64(at, value));
  }

  str(value: string): this {
    // Encoded in place: no temporary Buffer per string (a 50-team plan's profile showed those
    // copies; a JS loop over the chars was slower still, the provider running without the
    // optimizing compiler, src/provider/v8-tuning.ts).
    const n = Buffer.byteLength(value, "utf8");
    this.strHeader(n);
    this.reserve(n);
    this.length += this.buffer.write(value, this.length, n, "utf8");
    return this;
  }

  private strHeader(n: number): void {
    if (n < 32) this.byte(0xa0 | n);
    else if (n <= 0xff) this.head(0xd9, 1).setUint8(this.length - 1, n);
    else if (n <= 0xffff) this.head(0xda, 2).setUint16(this.length - 2, n);
    else this.head(0xdb, 4).setUint32(this.length - 4, n);
  }

  bin(value: Uint8Array): this {
    const n = value.length;
    if (n <= 0xff) this.head(0xc4, 1).setUint8(this.length - 1, n);
    else if (n <= 0xffff) this.head(0xc5, 2).setUint16(this.length - 2, n);
    else this.head(0xc6, 4).setUint32(this.length - 4, n);
    return this.raw(value);
  }

  arrayHeader(count: number): this {
    if (count < 16) this.byte(0x90 | count);
    else if (count <= 0xffff) this.head(0xdc, 2).setUint16(this.length - 2, count);
    else this.head(0xdd, 4).setUint32(this.length - 4, count);
    return this;
  }

  mapHeader(count: number): this {
    if (count < 16) this.byte(0x80 | count);
    else if (count <= 0xffff) this.head(0xde, 2).setUint16(this.length - 2, count);
    else this.head(0xdf, 4).setUint32(this.length - 4, count);
    return this;
  }

  ext(type: number, payload: Uint8Array): this {
    const fixed: Record<number, number> = { 1: 0xd4, 2: 0xd5, 4: 0xd6, 8: 0xd7, 16: 0xd8 };
    const n = payload.length;
    const fixedCode = fixed[n];
    if (fixedCode !== undefined) this.byte(fixedCode);
    else if (n <= 0xff) this.head(0xc7, 1).setUint8(this.length - 1, n);
    else if (n <= 0xffff) this.head(0xc8, 2).setUint16(this.length - 2, n);
    else this.head(0xc9, 4).setUint32(this.length - 4, n);
    this.byte(type & 0xff);
    return this.raw(payload);
  }

  private byte(value: number): this {
    this.reserve(1);
    this.buffer[this.length++] = value;
    return this;
  }

  private raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** Writes a type byte and a `size`-byte big-endian field filled by `fill`. */
  private fixed(code: number, size: number, fill: (view: DataView, at: number) => void): this {
    this.head(code, size);
    fill(this.view, this.length - size);
    return this;
  }

  /** Writes a type byte, reserves `size` bytes after it and returns the view to fill them. */
  private head(code: number, size: number): DataView {
    this.byte(code);
    this.reserve(size);
    this.length += size;
    return this.view;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = Buffer.alloc(size);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
  }
}
