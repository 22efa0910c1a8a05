/**
 * Strings through the msgpack writer and reader: the short-ASCII fast path and the general path
 * must write the same bytes (str header by UTF-8 length), and the reader must decode in place
 * without being thrown by the string's position inside a larger buffer.
 */
import { MsgpackReader } from "../../../src/provider/cty/msgpack-reader";
import { MsgpackWriter } from "../../../src/provider/cty/msgpack-writer";

/** What a msgpack str is, written the textbook way. */
function reference(value: string): Buffer {
  const utf8 = Buffer.from(value, "utf8");
  const n = utf8.length;
  const head = n < 32 ? [0xa0 | n] : n <= 0xff ? [0xd9, n] : n <= 0xffff ? [0xda, n >> 8, n & 0xff] : [0xdb, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from(head), utf8]);
}

const CASES: Array<[string, string]> = [
  ["empty", ""],
  ["31 ASCII bytes (fixstr)", "a".repeat(31)],
  ["32 ASCII bytes (str8)", "b".repeat(32)],
  ["128 ASCII (the fast path's longest)", "c".repeat(128)],
  ["129 ASCII (general path)", "d".repeat(129)],
  ["300 ASCII (str16)", "e".repeat(300)],
  ["non-ASCII, short", "🚀 team-é"],
  ["non-ASCII at the end of a long ASCII run", `${"f".repeat(100)}ü`],
  ["control characters and DEL", "\u0000\u001f\u007f"],
  ["a lone surrogate (replaced, as Buffer does)", "x\ud800y"],
];

describe("msgpack strings", () => {
  it.each(CASES)("%s: writes what the reference writes, and reads it back", (_name, value) => {
    const written = Buffer.from(new MsgpackWriter().str(value).bytes());
    expect(written.equals(reference(value))).toBe(true);
    expect(new MsgpackReader(written).readStr()).toBe(Buffer.from(value, "utf8").toString("utf8"));
  });

  it("reads strings that sit inside a larger buffer at an offset", () => {
    const inner = Buffer.from(new MsgpackWriter().arrayHeader(3).str("one").str("dé").str("x".repeat(40)).bytes());
    const outer = new Uint8Array(inner.length + 10);
    outer.set(inner, 7);
    const reader = new MsgpackReader(outer.subarray(7, 7 + inner.length));
    expect(reader.readArrayHeader()).toBe(3);
    expect([reader.readStr(), reader.readStr(), reader.readStr()]).toEqual(["one", "dé", "x".repeat(40)]);
  });
});
