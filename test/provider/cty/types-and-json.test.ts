import { CtyTypeError, cty, Decimal, Dynamic, decodeJsonState, typeFromJson, typeToJson } from "../../../src/provider/cty";

describe("type JSON", () => {
  it("round-trips every kind of type", () => {
    const json = [
      "object",
      {
        a: "string",
        b: ["list", "number"],
        c: ["set", ["object", { x: "bool" }]],
        d: ["map", "dynamic"],
        e: ["tuple", ["string", "number"]],
      },
    ];
    expect(typeToJson(typeFromJson(json))).toEqual(json);
  });

  it("writes object attributes in sorted order", () => {
    expect(JSON.stringify(typeToJson(cty.object({ b: cty.bool, a: cty.string })))).toBe('["object",{"a":"string","b":"bool"}]');
  });

  it("rejects unknown kinds clearly", () => {
    expect(() => typeFromJson("text")).toThrow(CtyTypeError);
    expect(() => typeFromJson(["bag", "string"])).toThrow('unknown cty type kind "bag"');
  });
});

describe("JSON state (UpgradeResourceState)", () => {
  const type = cty.object({
    id: cty.string,
    limit: cty.number,
    tags: cty.map(cty.string),
    added_later: cty.bool,
  });

  it("drops attributes the schema no longer has and sets new ones to null", () => {
    const state = '{"id":"ws-1","limit":5,"tags":{"team":"a"},"removed":"old"}';
    expect(decodeJsonState(type, state)).toEqual({ id: "ws-1", limit: 5, tags: { team: "a" }, added_later: null });
  });

  it("keeps every digit of big and precise numbers", () => {
    const state = '{"id":"x","limit":9007199254740993}';
    expect(decodeJsonState(type, state)).toMatchObject({ limit: 9007199254740993n });
    const precise = '{"id":"x","limit":0.30000000000000000001}';
    expect(decodeJsonState(type, precise)).toMatchObject({ limit: new Decimal("0.30000000000000000001") });
  });

  it("reads dynamic slots in cty's {value, type} form", () => {
    expect(decodeJsonState(cty.dynamic, '{"value":["a"],"type":["list","string"]}')).toEqual(new Dynamic(cty.list(cty.string), ["a"]));
  });

  it("reads strings with and without escapes, keywords and whitespace the way JSON.parse does", () => {
    const state = ' {\n\t"id" : "a\\"b\\\\c\\u00e9\\n🚀" ,\r\n "limit":-1.5e+3, "tags":{"k":"plain","e":""}, "added_later":false } ';
    expect(decodeJsonState(type, state)).toEqual({ id: 'a"b\\cé\n🚀', limit: -1500, tags: { k: "plain", e: "" }, added_later: false });
    expect(decodeJsonState(type, '{"id":null,"added_later":true}')).toMatchObject({ id: null, added_later: true });
  });

  it.each([
    ['{"id":"a\u0001b"}', "a control character inside a string"],
    ['{"id":"abc', "an unterminated string"],
    ['{"id":"abc\\', "a string ending in a backslash"],
    ['{"id":tru}', "a misspelt keyword"],
    ['{"limit":01}', "a number with a leading zero"],
    ['{"id":"x"} x', "text after the value"],
  ])("refuses %j (%s)", (state) => {
    expect(() => decodeJsonState(type, state)).toThrow();
  });

  it("reports where the state does not fit the type", () => {
    expect(() => decodeJsonState(type, '{"tags":["a"]}')).toThrow("tags: expected an object, found an array");
    expect(() => decodeJsonState(type, '{"id":')).toThrow("invalid state JSON");
  });
});
