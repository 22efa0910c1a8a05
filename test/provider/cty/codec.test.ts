import {
  cty,
  Decimal,
  Dynamic,
  decodeMsgpack,
  encodeMsgpack,
  isUnknown,
  Unknown,
  unknown,
  valuesEqual,
} from "../../../src/provider/cty";

/** Hex fixtures are written by hand from the msgpack spec; spaces are for reading. */
const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ""), "hex"));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("unknown values", () => {
  it("decodes the canonical unknown (fixext1 type 0) and encodes every unknown that way", () => {
    expect(decodeMsgpack(cty.string, hex("d4 00 00"))).toBe(unknown);
    expect(toHex(encodeMsgpack(cty.string, new Unknown({ notNull: true })))).toBe("d40000");
  });

  it("decodes Terraform 1.11's refined unknown 'not null' (ext 0x0c, {1: false})", () => {
    // cty writes key 1 as "is null"; false means the value will certainly not be null.
    const value = decodeMsgpack(cty.string, hex("c7 03 0c 81 01 c2"));
    expect(value).toBeInstanceOf(Unknown);
    expect((value as Unknown).refinements).toEqual({ notNull: true });
  });

  it("collapses a refined unknown marked 'is null' ({1: true}) into null, as cty does", () => {
    expect(decodeMsgpack(cty.string, hex("c7 03 0c 81 01 c3"))).toBeNull();
  });

  it("keeps a string prefix refinement", () => {
    // map {1: false, 2: "sk-a"}: 82 01 c2 02 a4 73 6b 2d 61 (9 bytes)
    const value = decodeMsgpack(cty.string, hex("c7 09 0c 82 01 c2 02 a4 73 6b 2d 61")) as Unknown;
    expect(value.refinements).toEqual({ notNull: true, stringPrefix: "sk-a" });
  });

  it("keeps number and length bounds", () => {
    // {3: [0, true]} → number ≥ 0
    const number = decodeMsgpack(cty.number, hex("c7 05 0c 81 03 92 00 c3")) as Unknown;
    expect(number.refinements).toEqual({ numberLower: { value: 0, inclusive: true } });
    // {5: 1, 6: 3} → a list of 1 to 3 elements
    const list = decodeMsgpack(cty.list(cty.string), hex("c7 05 0c 82 05 01 06 03")) as Unknown;
    expect(list.refinements).toEqual({ lengthLower: 1, lengthUpper: 3 });
  });

  it("treats any other extension as unknown", () => {
    expect(isUnknown(decodeMsgpack(cty.bool, hex("d5 07 ab cd")))).toBe(true);
  });

  it("finds unknowns nested inside an object", () => {
    const type = cty.object({ id: cty.string, name: cty.string });
    expect(decodeMsgpack(type, hex("82 a2 69 64 d4 00 00 a4 6e 61 6d 65 a1 78"))).toEqual({ id: unknown, name: "x" });
  });
});

describe("numbers", () => {
  it("decodes a decimal string to a JS number when the number is exact", () => {
    expect(decodeMsgpack(cty.number, hex("a3 30 2e 31"))).toBe(0.1); // "0.1"
  });

  it("keeps a decimal string that no float64 holds as a Decimal", () => {
    const text = "3.14159265358979323846264338327950288";
    const bytes = Uint8Array.of(0xd9, text.length, ...Buffer.from(text)); // str8: 37 bytes
    const value = decodeMsgpack(cty.number, bytes);
    expect(value).toEqual(new Decimal(text));
    expect(encodeMsgpack(cty.number, value)).toEqual(bytes);
  });

  it("decodes int64 beyond 2^53 as an exact bigint, in both signed and unsigned forms", () => {
    expect(decodeMsgpack(cty.number, hex("d3 00 20 00 00 00 00 00 01"))).toBe(9007199254740993n);
    expect(decodeMsgpack(cty.number, hex("cf 00 20 00 00 00 00 00 01"))).toBe(9007199254740993n);
    expect(toHex(encodeMsgpack(cty.number, 9007199254740993n))).toBe("cf0020000000000001");
  });

  it("decodes a huge integer string as bigint", () => {
    const text = "123456789012345678901234567890";
    expect(decodeMsgpack(cty.number, Uint8Array.of(0xa0 | text.length, ...Buffer.from(text)))).toBe(BigInt(text));
  });

  it("decodes float64 and writes integers in their smallest form", () => {
    expect(decodeMsgpack(cty.number, hex("cb 3f f8 00 00 00 00 00 00"))).toBe(1.5);
    expect(toHex(encodeMsgpack(cty.number, 5))).toBe("05");
    expect(toHex(encodeMsgpack(cty.number, -1))).toBe("ff");
    expect(toHex(encodeMsgpack(cty.number, 300))).toBe("cd012c");
    expect(toHex(encodeMsgpack(cty.number, -200))).toBe("d1ff38");
  });

  it("sends a fraction as its decimal spelling so Terraform parses the value it holds", () => {
    expect(toHex(encodeMsgpack(cty.number, 0.1))).toBe("a3302e31");
  });

  it("compares numbers by value whatever their form", () => {
    expect(valuesEqual(cty.number, 1000, new Decimal("1e3"))).toBe(true);
    expect(valuesEqual(cty.number, 9007199254740993n, 9007199254740992)).toBe(false);
  });
});

describe("objects and collections", () => {
  const memberType = cty.object({ email: cty.string, role: cty.string });
  const teamType = cty.object({ name: cty.string, members: cty.set(memberType) });
  // {"members": [{"email": "x", "role": "r"}], "name": "a"} with keys in sorted order
  const teamBytes = hex("82 a7 6d656d62657273 91 82 a5 656d61696c a1 78 a4 726f6c65 a1 72 a4 6e616d65 a1 61");

  it("decodes a nested object holding a set of objects", () => {
    expect(decodeMsgpack(teamType, teamBytes)).toEqual({ name: "a", members: [{ email: "x", role: "r" }] });
  });

  it("encodes it back byte for byte", () => {
    expect(toHex(encodeMsgpack(teamType, { name: "a", members: [{ role: "r", email: "x" }] }))).toBe(toHex(teamBytes));
  });

  it("decodes a null object from c0", () => {
    expect(decodeMsgpack(teamType, hex("c0"))).toBeNull();
  });

  it("writes every attribute of the type, unset ones as nil", () => {
    const type = cty.object({ a: cty.string, b: cty.number });
    expect(toHex(encodeMsgpack(type, { a: "x" }))).toBe(toHex(hex("82 a1 61 a1 78 a1 62 c0")));
  });

  it("fills attributes missing on the wire with null", () => {
    const type = cty.object({ a: cty.string, b: cty.number });
    expect(decodeMsgpack(type, hex("81 a1 61 a1 78"))).toEqual({ a: "x", b: null });
  });

  it("refuses a value for an attribute the type does not have, naming it", () => {
    expect(() => encodeMsgpack(cty.object({ a: cty.string }), { a: "x", typo: "y" })).toThrow('attribute "typo" is not part of the type');
  });

  it("names the path of a mismatched value", () => {
    expect(() => encodeMsgpack(teamType, { name: "a", members: [{ email: 5, role: "r" }] })).toThrow("members[0].email: expected string");
  });

  it("names the path of a value that does not decode as its type (the codec's second, path-tracking pass)", () => {
    // {"members": [{"email": 5}]}: an integer where a string belongs.
    const bytes = hex("81 a7 6d656d62657273 91 81 a5 656d61696c 05");
    expect(() => decodeMsgpack(teamType, bytes)).toThrow("members[0].email: expected msgpack string");
    // {"members": [{"mail": "x"}]}: an attribute the type does not have.
    expect(() => decodeMsgpack(teamType, hex("81 a7 6d656d62657273 91 81 a4 6d61696c a1 78"))).toThrow('members[0]: unsupported attribute "mail"');
    // An attribute the prototype of a JS object knows is not an attribute of the type either.
    expect(() => decodeMsgpack(teamType, hex("81 ab 636f6e7374727563746f72 a1 78"))).toThrow('unsupported attribute "constructor"');
  });

  it('refuses a map key "__proto__" by name (a JS object would drop it, and Terraform would call the plan a provider bug)', () => {
    const metadata = cty.object({ metadata: cty.map(cty.string) });
    // {"metadata": {"__proto__": "x", "team": "a"}}
    const bytes = hex("81 a8 6d65746164617461 82 a9 5f5f70726f746f5f5f a1 78 a4 7465616d a1 61");
    expect(() => decodeMsgpack(metadata, bytes)).toThrow('metadata: the map key "__proto__" cannot be used: JavaScript reads it as an object\'s prototype');
    // Other keys JavaScript objects know are ordinary keys.
    expect(decodeMsgpack(metadata, hex("81 a8 6d65746164617461 81 ab 636f6e7374727563746f72 a1 78"))).toEqual({ metadata: { constructor: "x" } });
  });

  it("never writes two equal elements into a set", () => {
    expect(toHex(encodeMsgpack(cty.set(cty.string), ["a", "a"]))).toBe("91a161");
  });

  it("encodes maps with sorted keys", () => {
    expect(toHex(encodeMsgpack(cty.map(cty.bool), { b: true, a: false }))).toBe("82a161c2a162c3");
  });
});

describe("dynamic values", () => {
  it("travel as [type JSON bytes, value]", () => {
    // 92 c4 08 '"string"' a2 'hi'
    const bytes = hex("92 c4 08 22737472696e6722 a2 6869");
    const value = decodeMsgpack(cty.dynamic, bytes);
    expect(value).toEqual(new Dynamic(cty.string, "hi"));
    expect(toHex(encodeMsgpack(cty.dynamic, value))).toBe(toHex(bytes));
  });
});
