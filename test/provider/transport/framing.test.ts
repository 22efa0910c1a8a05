/** gRPC message framing: 5-byte prefix, reassembly across chunks, size limit, status text. */
import { encodeFrame, FrameDecoder } from "../../../src/provider/transport/grpc/framing";
import { decodeGrpcMessage, encodeGrpcMessage, GrpcError, GrpcStatus } from "../../../src/provider/transport/grpc/status";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("gRPC framing", () => {
  it("prefixes a message with flag 0 and its big-endian length", () => {
    expect(Buffer.from(encodeFrame(bytes(7, 8, 9))).toString("hex")).toBe("0000000003070809");
  });

  it("reassembles a frame split at every possible point, header included", () => {
    const frame = encodeFrame(bytes(1, 2, 3, 4));
    for (let cut = 1; cut < frame.length; cut++) {
      const decoder = new FrameDecoder(1024);
      expect(decoder.push(frame.subarray(0, cut))).toEqual([]);
      expect(decoder.idle).toBe(false);
      expect(decoder.push(frame.subarray(cut))).toEqual([bytes(1, 2, 3, 4)]);
      expect(decoder.idle).toBe(true);
    }
  });

  it("hands on a whole message that is alone in its chunk as a plain view of it, not a copy", () => {
    const chunk = encodeFrame(bytes(5, 6, 7));
    const decoder = new FrameDecoder(1024);
    const [message] = decoder.push(chunk);
    expect(message).toEqual(bytes(5, 6, 7));
    expect(Object.getPrototypeOf(message)).toBe(Uint8Array.prototype);
    expect(message?.buffer).toBe(chunk.buffer);
    expect(decoder.idle).toBe(true);
    expect(decoder.push(encodeFrame(bytes()))).toEqual([bytes()]);
  });

  it("returns several messages from one chunk, empty ones included", () => {
    const chunk = Buffer.concat([encodeFrame(bytes(1)), encodeFrame(bytes()), encodeFrame(bytes(2, 3))]);
    expect(new FrameDecoder(1024).push(chunk)).toEqual([bytes(1), bytes(), bytes(2, 3)]);
  });

  it("refuses an oversize message from its header, before buffering the body", () => {
    const decoder = new FrameDecoder(4);
    const header = encodeFrame(bytes(1, 2, 3, 4, 5)).subarray(0, 5);
    let thrown: unknown;
    try {
      decoder.push(header);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GrpcError);
    expect((thrown as GrpcError).code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect((thrown as GrpcError).message).toMatch(/larger than max \(5 vs\. 4 bytes\)/);
  });

  it("refuses compressed messages with UNIMPLEMENTED", () => {
    expect(() => new FrameDecoder(10).push(bytes(1, 0, 0, 0, 0))).toThrow(/compressed/);
  });

  it("percent-encodes grpc-message: non-ASCII and % escaped, printable ASCII kept", () => {
    const message = "bad value 100% for «name»\n";
    const encoded = encodeGrpcMessage(message);
    expect(encoded).toBe("bad value 100%25 for %C2%ABname%C2%BB%0A");
    expect(decodeGrpcMessage(encoded)).toBe(message);
  });
});
