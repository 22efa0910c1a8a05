/**
 * tfplugin6 protobuf codec: every message round-trips, and hand-written byte fixtures (built
 * from the field numbers in tfplugin6.8.proto) decode to the right shapes, so the codec agrees
 * with the wire format rather than only with itself.
 */
import type {
  Diagnostic,
  GetProviderSchemaResponse,
  Schema,
} from "../../../src/provider/protocol/types";
import * as common from "../../../src/provider/transport/protobuf/common";
import * as req from "../../../src/provider/transport/protobuf/requests";
import * as res from "../../../src/provider/transport/protobuf/responses";
import { decodeSchema, encodeSchema } from "../../../src/provider/transport/protobuf/schema";
import { ProtobufDecodeError, Reader, Writer } from "../../../src/provider/transport/protobuf/wire";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const msgpack = bytes(0x81, 0xa2, 0x69, 0x64, 0xa1, 0x78); // {"id":"x"}, opaque to the transport

const diagnostics: Diagnostic[] = [
  {
    severity: "error",
    summary: "Invalid budget",
    detail: "monthly_budget_usd must be positive",
    attribute: { steps: [{ attributeName: "limits" }, { elementKeyInt: -3n }, { elementKeyString: "team-a" }, { elementKeyInt: 0n }] },
  },
  { severity: "warning", summary: "Deprecated" },
];

const schema: Schema = {
  version: 2,
  block: {
    version: 2,
    description: "A **workspace**",
    descriptionKind: "markdown",
    deprecated: true,
    attributes: [
      {
        name: "id",
        type: text('"string"'),
        description: "",
        descriptionKind: "plain",
        required: false,
        optional: false,
        computed: true,
        sensitive: false,
        deprecated: false,
        writeOnly: false,
      },
      {
        name: "members",
        type: new Uint8Array(0),
        nestedType: {
          nesting: "map",
          attributes: [
            {
              name: "key_wo",
              type: text('["list","string"]'),
              description: "secret",
              descriptionKind: "plain",
              required: true,
              optional: false,
              computed: false,
              sensitive: true,
              deprecated: true,
              writeOnly: true,
            },
          ],
        },
        description: "members",
        descriptionKind: "plain",
        required: false,
        optional: true,
        computed: false,
        sensitive: false,
        deprecated: false,
        writeOnly: false,
      },
    ],
    blockTypes: [
      {
        typeName: "rule",
        nesting: "group",
        minItems: 1,
        maxItems: 5,
        block: { version: 0, attributes: [], blockTypes: [], description: "", descriptionKind: "plain", deprecated: false },
      },
    ],
  },
};

const caps = { deferralAllowed: true, writeOnlyAttributesAllowed: true };

describe("protobuf wire primitives", () => {
  it("round-trips int64 values across the whole range, including negatives as 10-byte varints", () => {
    for (const value of [1n, 127n, 128n, 2n ** 31n, 2n ** 53n + 1n, 2n ** 63n - 1n, -1n, -(2n ** 63n)]) {
      const encoded = new Writer().int64(1, value).finish();
      const r = new Reader(encoded);
      expect(r.key()).toBe(0x08);
      expect(r.int64()).toBe(value);
    }
    expect(new Writer().int64(1, 0n).finish()).toHaveLength(0); // proto3 omits defaults
    expect(hex(new Writer().int64(1, -1n).finish())).toBe("08ffffffffffffffffff01");
  });

  it("skips unknown fields of every wire type", () => {
    // field 9 varint, field 10 fixed64, field 11 bytes, field 12 fixed32, then summary (2) = "ok"
    const withUnknowns = bytes(0x48, 0x96, 0x01, 0x51, 1, 2, 3, 4, 5, 6, 7, 8, 0x5a, 2, 9, 9, 0x65, 1, 2, 3, 4, 0x12, 2, 0x6f, 0x6b);
    expect(common.decodeDiagnostic(withUnknowns)).toEqual({ severity: "error", summary: "ok" });
  });

  it("rejects truncated input with a decode error instead of reading garbage", () => {
    expect(() => common.decodeDiagnostic(bytes(0x12, 0x05, 0x61))).toThrow(ProtobufDecodeError);
    expect(() => common.decodeDiagnostic(bytes(0x08, 0x80))).toThrow(/truncated varint/);
  });
});

describe("hand-written fixtures decode to the documented shapes", () => {
  it("Diagnostic { severity=ERROR(1), summary=2, detail=3, attribute=4 { steps=1 { attribute_name=1 } } }", () => {
    const fixture = bytes(0x08, 0x01, 0x12, 0x03, ...text("bad"), 0x1a, 0x02, ...text("hi"), 0x22, 0x08, 0x0a, 0x06, 0x0a, 0x04, ...text("name"));
    const expected: Diagnostic = { severity: "error", summary: "bad", detail: "hi", attribute: { steps: [{ attributeName: "name" }] } };
    expect(common.decodeDiagnostic(fixture)).toEqual(expected);
    expect(hex(common.encodeDiagnostic(expected))).toBe(hex(fixture));
  });

  it("AttributePath steps: element_key_string = 2, element_key_int = 3 (int64)", () => {
    const fixture = bytes(0x0a, 0x03, 0x12, 0x01, ...text("k"), 0x0a, 0x02, 0x18, 0x07);
    expect(common.decodeAttributePath(fixture)).toEqual({ steps: [{ elementKeyString: "k" }, { elementKeyInt: 7n }] });
  });

  it("ConfigureProvider.Request { terraform_version=1, config=2 { msgpack=1 }, client_capabilities=3 { write_only=2 } }", () => {
    const fixture = bytes(0x0a, 0x06, ...text("1.11.4"), 0x12, 0x03, 0x0a, 0x01, 0xc0, 0x1a, 0x02, 0x10, 0x01);
    expect(req.decodeConfigureProviderRequest(fixture)).toEqual({
      terraformVersion: "1.11.4",
      config: { msgpack: bytes(0xc0) },
      clientCapabilities: { deferralAllowed: false, writeOnlyAttributesAllowed: true },
    });
  });

  it("ValidateProviderConfig.Response puts diagnostics in field 2, the others in field 1", () => {
    const diag = { diagnostics: [{ severity: "warning" as const, summary: "w" }] };
    expect(hex(res.encodeDiagnosticsResponse(diag, 2))).toBe("12050802120177");
    expect(hex(res.encodeDiagnosticsResponse(diag, 1))).toBe("0a050802120177");
  });

  it("UpgradeResourceState.Request { type_name=1, version=2, raw_state=3 { json=1, flatmap=2 map entries } }", () => {
    const fixture = bytes(0x0a, 0x01, ...text("t"), 0x10, 0x03, 0x1a, 0x0b, 0x0a, 0x02, ...text("{}"), 0x12, 0x05, 0x0a, 0x01, ...text("a"), 0x12, 0x00);
    expect(req.decodeUpgradeResourceStateRequest(fixture)).toEqual({
      typeName: "t",
      version: 3,
      rawState: { json: text("{}"), flatmap: { a: "" } },
    });
  });

  it("GetProviderSchema.Response advertises server_capabilities=6 { plan_destroy=1, get_provider_schema_optional=2 }", () => {
    const response: GetProviderSchemaResponse = {
      provider: { version: 0, block: { version: 0, attributes: [], blockTypes: [], description: "", descriptionKind: "plain", deprecated: false } },
      resourceSchemas: {},
      dataSourceSchemas: {},
      diagnostics: [],
      serverCapabilities: { planDestroy: true, getProviderSchemaOptional: true, moveResourceState: false },
    };
    // provider=1 {block=2 {}}, server_capabilities=6 {08 01 10 01}
    expect(hex(res.encodeGetProviderSchemaResponse(response))).toBe("0a021200" + "32040801" + "1001");
  });

  it("Schema.Attribute puts nested_type in field 10 and write_only in field 11", () => {
    const fixture = bytes(0x0a, 0x01, ...text("n"), 0x52, 0x02, 0x18, 0x04, 0x58, 0x01);
    const attribute = decodeSchema(bytes(0x12, fixture.length + 2, 0x12, fixture.length, ...fixture)).block.attributes[0];
    expect(attribute?.nestedType).toEqual({ attributes: [], nesting: "map" });
    expect(attribute?.writeOnly).toBe(true);
  });
});

describe("every message round-trips", () => {
  const cases: [string, unknown, (v: never) => Uint8Array, (b: Uint8Array) => unknown][] = [
    ["DynamicValue", { msgpack, json: text("{}") }, common.encodeDynamicValue, common.decodeDynamicValue],
    ["Diagnostic with attribute path", diagnostics[0], common.encodeDiagnostic, common.decodeDiagnostic],
    ["RawState", { json: text('{"a":1}'), flatmap: { "tags.%": "1", "tags.a": "b" } }, common.encodeRawState, common.decodeRawState],
    ["Schema", schema, encodeSchema, decodeSchema],
    [
      "ValidateProviderConfig.Request",
      { config: { msgpack } },
      req.encodeValidateProviderConfigRequest,
      req.decodeValidateProviderConfigRequest,
    ],
    [
      "ConfigureProvider.Request",
      { terraformVersion: "1.11.4", config: { msgpack }, clientCapabilities: caps },
      req.encodeConfigureProviderRequest,
      req.decodeConfigureProviderRequest,
    ],
    [
      "ValidateResourceConfig.Request",
      { typeName: "portkeyadmin_workspace", config: { msgpack }, clientCapabilities: caps },
      req.encodeValidateResourceConfigRequest,
      req.decodeValidateResourceConfigRequest,
    ],
    [
      "ValidateDataResourceConfig.Request",
      { typeName: "portkeyadmin_models", config: { msgpack } },
      req.encodeValidateDataResourceConfigRequest,
      req.decodeValidateDataResourceConfigRequest,
    ],
    [
      "UpgradeResourceState.Request",
      { typeName: "w", version: 1, rawState: { json: text("{}") } },
      req.encodeUpgradeResourceStateRequest,
      req.decodeUpgradeResourceStateRequest,
    ],
    [
      "ReadResource.Request",
      { typeName: "w", currentState: { msgpack }, private: bytes(1, 2), providerMeta: { msgpack: bytes(0xc0) }, clientCapabilities: caps },
      req.encodeReadResourceRequest,
      req.decodeReadResourceRequest,
    ],
    [
      "PlanResourceChange.Request",
      {
        typeName: "w",
        priorState: { msgpack: bytes(0xc0) },
        proposedNewState: { msgpack },
        config: { msgpack },
        priorPrivate: bytes(9),
        providerMeta: { msgpack: bytes(0xc0) },
        clientCapabilities: caps,
      },
      req.encodePlanResourceChangeRequest,
      req.decodePlanResourceChangeRequest,
    ],
    [
      "ApplyResourceChange.Request",
      { typeName: "w", priorState: { msgpack }, plannedState: { msgpack: bytes(0xc0) }, config: { msgpack }, plannedPrivate: bytes(7), providerMeta: { msgpack } },
      req.encodeApplyResourceChangeRequest,
      req.decodeApplyResourceChangeRequest,
    ],
    [
      "ImportResourceState.Request",
      { typeName: "w", id: "ws-123", clientCapabilities: caps },
      req.encodeImportResourceStateRequest,
      req.decodeImportResourceStateRequest,
    ],
    [
      "ReadDataSource.Request",
      { typeName: "d", config: { msgpack }, providerMeta: { msgpack }, clientCapabilities: caps },
      req.encodeReadDataSourceRequest,
      req.decodeReadDataSourceRequest,
    ],
    [
      "GetMetadata.Response",
      {
        serverCapabilities: { planDestroy: true, getProviderSchemaOptional: true, moveResourceState: true },
        diagnostics,
        dataSources: [{ typeName: "d" }],
        resources: [{ typeName: "a" }, { typeName: "b" }],
      },
      res.encodeGetMetadataResponse,
      res.decodeGetMetadataResponse,
    ],
    [
      "GetProviderSchema.Response",
      {
        provider: schema,
        resourceSchemas: { portkeyadmin_workspace: schema, portkeyadmin_user: { version: 0, block: schema.block } },
        dataSourceSchemas: { portkeyadmin_models: schema },
        diagnostics,
        providerMeta: schema,
        serverCapabilities: { planDestroy: true, getProviderSchemaOptional: true, moveResourceState: false },
      },
      res.encodeGetProviderSchemaResponse,
      res.decodeGetProviderSchemaResponse,
    ],
    [
      "UpgradeResourceState.Response",
      { upgradedState: { msgpack }, diagnostics },
      res.encodeUpgradeResourceStateResponse,
      res.decodeUpgradeResourceStateResponse,
    ],
    [
      "ReadResource.Response",
      { newState: { msgpack }, diagnostics, private: bytes(1) },
      res.encodeReadResourceResponse,
      res.decodeReadResourceResponse,
    ],
    [
      "PlanResourceChange.Response",
      {
        plannedState: { msgpack },
        requiresReplace: [{ steps: [{ attributeName: "name" }] }, { steps: [{ attributeName: "tags" }, { elementKeyString: "" }] }],
        plannedPrivate: bytes(3),
        diagnostics,
      },
      res.encodePlanResourceChangeResponse,
      res.decodePlanResourceChangeResponse,
    ],
    [
      "ApplyResourceChange.Response",
      { newState: { msgpack }, private: bytes(4, 5), diagnostics },
      res.encodeApplyResourceChangeResponse,
      res.decodeApplyResourceChangeResponse,
    ],
    [
      "ImportResourceState.Response",
      { importedResources: [{ typeName: "w", state: { msgpack }, private: bytes(1) }], diagnostics },
      res.encodeImportResourceStateResponse,
      res.decodeImportResourceStateResponse,
    ],
    [
      "ReadDataSource.Response",
      { state: { msgpack }, diagnostics },
      res.encodeReadDataSourceResponse,
      res.decodeReadDataSourceResponse,
    ],
  ];

  it.each(cases)("%s", (_name, value, encode, decode) => {
    expect(decode(encode(value as never))).toEqual(value);
  });

  it("keeps a present-but-empty DynamicValue distinct from an absent one (null state vs no state)", () => {
    const present = req.decodePlanResourceChangeRequest(req.encodePlanResourceChangeRequest({ typeName: "w", priorState: {}, priorPrivate: bytes() }));
    expect(present.priorState).toEqual({});
    const absent = req.decodePlanResourceChangeRequest(req.encodePlanResourceChangeRequest({ typeName: "w", priorPrivate: bytes() }));
    expect(absent.priorState).toBeUndefined();
  });

  it("passes DynamicValue bytes through untouched, large ones too", () => {
    const big = new Uint8Array(5 * 1024 * 1024).map((_, i) => (i * 31) % 251);
    const decoded = res.decodeReadResourceResponse(res.encodeReadResourceResponse({ newState: { msgpack: big }, diagnostics: [], private: bytes() }));
    expect(Buffer.compare(Buffer.from(decoded.newState?.msgpack ?? []), Buffer.from(big))).toBe(0);
  });

  it("StopProvider.Response carries its error text in field 1", () => {
    expect(res.decodeStopProviderResponse(res.encodeStopProviderResponse("busy"))).toEqual({ error: "busy" });
    expect(res.encodeStopProviderResponse("")).toHaveLength(0);
  });
});
