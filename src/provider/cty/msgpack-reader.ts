/**
 * A minimal streaming msgpack decoder: the cty codec peeks at the next item's kind and reads
 * exactly what the cty type says should be there.
 */

export type MsgpackKind = "nil" | "bool" | "int" | "float" | "str" | "bin" | "array" | "map" | "ext";

export class MsgpackError extends Error {}

/** A decoded integer: a JS number when it is a safe integer, otherwise a bigint. */
export type MsgpackInt = number | bigint;

export class MsgpackReader {
  private offset = 0;
  private readonly view: DataView;
  /** The same bytes as a Buffer (a view, not a copy), to decode strings in place. */
  private readonly bytes: Buffer;

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }

  get done(): boolean {
    return this.offset >= this.data.length;
  }

  get position(): number {
    return this.offset;
  }

  peekKind(): MsgpackKind {
    const code = this.peekByte();
    if (code <= 0x7f || code >= 0xe0) return "int";
    if (code <= 0x8f) return "map";
    if (code <= 0x9f) return "array";
    if (code <= 0xbf) return "str";
    switch (code) {
      case 0xc0:
        return "nil";
      case 0xc2:
      case 0xc3:
        return "bool";
      case 0xc4:
      case 0xc5:
      case 0xc6:
        return "bin";
      case 0xc7:
      case 0xc8:
      case 0xc9:
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        return "ext";
      case 0xca:
      case 0xcb:
        return "float";
      case 0xcc:
      case 0xcd:
      case 0xce:
      case 0xcf:
      case 0xd0:
      case 0xd1:
      case 0xd2:
      case 0xd3:
        return "int";
      case 0xd9:
      case 0xda:
      case 0xdb:
        return "str";
      case 0xdc:
      case 0xdd:
        return "array";
      case 0xde:
      case 0xdf:
        return "map";
      default:
        throw new MsgpackError(`unsupported msgpack type byte 0x${code.toString(16)} at offset ${this.offset}`);
    }
  }

  readNil(): void {
    this.expect(0xc0, "nil");
  }

  readBool(): boolean {
    const code = this.takeByte();
    if (code === 0xc2) return false;
    if (code === 0xc3) return true;
    throw this.mismatch("bool", code);
  }

  readInt(): MsgpackInt {
    const code = this.takeByte();
    if (code <= 0x7f) return code;
    if (code >= 0xe0) return code - 0x100;
    let value: number | bigint;
    switch (code) {
      case 0xcc:
        value = this.view.getUint8(this.advance(1));
        break;
      case 0xcd:
        value = this.view.getUint16(this.advance(2));
        break;
      case 0xce:
        value = this.view.getUint32(this.advance(4));
        break;
      case 0xcf:
        value = this.view.getBigUint64(this.advance(8));
        break;
      case 0xd0:
        value = this.view.getInt8(this.advance(1));
        break;
      case 0xd1:
        value = this.view.getInt16(this.advance(2));
        break;
      case 0xd2:
        value = this.view.getInt32(this.advance(4));
        break;
      case 0xd3:
        value = this.view.getBigInt64(this.advance(8));
        break;
      default:
        throw this.mismatch("integer", code);
    }
    if (typeof value === "bigint" && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) {
      return Number(value);
    }
    return value;
  }

  readFloat(): number {
    const code = this.takeByte();
    if (code === 0xca) return this.view.getFloat32(this.advance(4));
    if (code === 0xcb) return this.view.getFloat64(this.advance(8));
    throw this.mismatch("float", code);
  }

  readStr(): string {
    const code = this.takeByte();
    let length: number;
    if (code >= 0xa0 && code <= 0xbf) length = code & 0x1f;
    else if (code === 0xd9) length = this.view.getUint8(this.advance(1));
    else if (code === 0xda) length = this.view.getUint16(this.advance(2));
    else if (code === 0xdb) length = this.view.getUint32(this.advance(4));
    else throw this.mismatch("string", code);
    const start = this.advance(length);
    return this.bytes.toString("utf8", start, start + length);
  }

  readBin(): Uint8Array {
    const code = this.takeByte();
    let length: number;
    if (code === 0xc4) length = this.view.getUint8(this.advance(1));
    else if (code === 0xc5) length = this.view.getUint16(this.advance(2));
    else if (code === 0xc6) length = this.view.getUint32(this.advance(4));
    else throw this.mismatch("binary", code);
    return this.slice(length);
  }

  readArrayHeader(): number {
    const code = this.takeByte();
    if (code >= 0x90 && code <= 0x9f) return code & 0x0f;
    if (code === 0xdc) return this.view.getUint16(this.advance(2));
    if (code === 0xdd) return this.view.getUint32(this.advance(4));
    throw this.mismatch("array", code);
  }

  readMapHeader(): number {
    const code = this.takeByte();
    if (code >= 0x80 && code <= 0x8f) return code & 0x0f;
    if (code === 0xde) return this.view.getUint16(this.advance(2));
    if (code === 0xdf) return this.view.getUint32(this.advance(4));
    throw this.mismatch("map", code);
  }

  readExt(): { type: number; payload: Uint8Array } {
    const code = this.takeByte();
    const fixed: Record<number, number> = { 212: 1, 213: 2, 214: 4, 215: 8, 216: 16 } // fixext 1…16 (0xd4…0xd8);
    let length = fixed[code];
    if (length === undefined) {
      if (code === 0xc7) length = this.view.getUint8(this.advance(1));
      else if (code === 0xc8) length = this.view.getUint16(this.advance(2));
      else if (code === 0xc9) length = this.view.getUint32(this.advance(4));
      else throw this.mismatch("extension", code);
    }
    const type = this.view.getInt8(this.advance(1));
    return { type, payload: this.slice(length) };
  }

  /** Skips one complete item (used for attributes a schema no longer has). */
  skip(): void {
    switch (this.peekKind()) {
      case "nil":
        this.readNil();
        return;
      case "bool":
        this.readBool();
        return;
      case "int":
        this.readInt();
        return;
      case "float":
        this.readFloat();
        return;
      case "str":
        this.readStr();
        return;
      case "bin":
        this.readBin();
        return;
      case "ext":
        this.readExt();
        return;
      case "array": {
        const n = this.readArrayHeader();
        for (let i = 0; i < n; i++) this.skip();
        return;
      }
      case "map": {
        const n = this.readMapHeader();
        for (let i = 0; i < 2 * n; i++) this.skip();
        return;
      }
    }
  }

  private peekByte(): number {
    if (this.offset >= this.data.length) throw new MsgpackError("unexpected end of msgpack data");
    return this.data[this.offset] as number;
  }

  private takeByte(): number {
    const code = this.peekByte();
    this.offset++;
    return code;
  }

  private expect(code: number, what: string): void {
    const got = this.takeByte();
    if (got !== code) throw this.mismatch(what, got);
  }

  /** Moves past `size` bytes and returns where they start. */
  private advance(size: number): number {
    const start = this.offset;
    if (start + size > this.data.length) throw new MsgpackError("unexpected end of msgpack data");
    this.offset += size;
    return start;
  }

  private slice(length: number): Uint8Array {
    const start = this.advance(length);
    return this.data.subarray(start, start + length);
  }

  private mismatch(expected: string, code: number): MsgpackError {
    return new MsgpackError(`expected msgpack ${expected}, found type byte 0x${code.toString(16)} at offset ${this.offset - 1}`);
  }
}
