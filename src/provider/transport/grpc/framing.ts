/**
 * gRPC length-prefixed message framing: each message is 1 byte "compressed" flag, a 4-byte
 * big-endian length, then the bytes. Frames may arrive split across HTTP/2 DATA chunks, or
 * several in one chunk; `FrameDecoder` reassembles them.
 */
import { GrpcError, GrpcStatus } from "./status";

const HEADER_BYTES = 5;

export function encodeFrame(message: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + message.length);
  frame[0] = 0;
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, HEADER_BYTES);
  return frame;
}

export class FrameDecoder {
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  private body: Uint8Array | undefined;
  private bodyFill = 0;

  /** @param maxMessageBytes larger messages are refused with RESOURCE_EXHAUSTED before buffering. */
  constructor(private readonly maxMessageBytes: number) {}

  /** Feeds a chunk; returns the messages it completed (possibly none, possibly several). */
  push(chunk: Uint8Array): Uint8Array[] {
    // The usual case: one whole message in one chunk, nothing pending. Handed on as a view of the
    // chunk (each HTTP/2 DATA chunk is a buffer of its own), without a header or body copy.
    if (this.body === undefined && this.headerFill === 0 && chunk.length >= HEADER_BYTES) {
      const bigEndian = (((chunk[1] as number) << 24) | ((chunk[2] as number) << 16) | ((chunk[3] as number) << 8) | (chunk[4] as number)) >>> 0;
      const length = checkedLength(chunk[0] as number, bigEndian, this.maxMessageBytes);
      if (chunk.length === HEADER_BYTES + length) return [new Uint8Array(chunk.buffer, chunk.byteOffset + HEADER_BYTES, length)];
    }
    const messages: Uint8Array[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.body === undefined) {
        const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - offset);
        this.header.set(chunk.subarray(offset, offset + take), this.headerFill);
        this.headerFill += take;
        offset += take;
        if (this.headerFill < HEADER_BYTES) break;
        this.body = new Uint8Array(this.readHeader());
        this.bodyFill = 0;
      } else {
        const take = Math.min(this.body.length - this.bodyFill, chunk.length - offset);
        this.body.set(chunk.subarray(offset, offset + take), this.bodyFill);
        this.bodyFill += take;
        offset += take;
      }
      if (this.body.length === this.bodyFill) {
        messages.push(this.body);
        this.body = undefined;
        this.headerFill = 0;
      }
    }
    return messages;
  }

  /** True when the input ended between frames (nothing half-received). */
  get idle(): boolean {
    return this.body === undefined && this.headerFill === 0;
  }

  private readHeader(): number {
    return checkedLength(this.header[0] as number, this.header.readUInt32BE(1), this.maxMessageBytes);
  }
}

function checkedLength(flag: number, length: number, maxMessageBytes: number): number {
  if (flag !== 0) {
    throw new GrpcError(GrpcStatus.UNIMPLEMENTED, "compressed gRPC messages are not supported; send them uncompressed");
  }
  if (length > maxMessageBytes) {
    throw new GrpcError(GrpcStatus.RESOURCE_EXHAUSTED, `received message larger than max (${length} vs. ${maxMessageBytes} bytes)`);
  }
  return length;
}
