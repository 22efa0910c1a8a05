/**
 * The checks behind portkeyadmin_integration: a service-account key file is recognised before
 * any API call, and no message ever repeats what was in it.
 */
import { checkAuthType, checkSlug, checkVertexRegion, parseServiceAccountJson, splitImportId } from "../../../src/provider/resources/integration-checks";
import { vertexConfigurations, vertexSettingsFromWire } from "../../../src/provider/resources/integration-vertex";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../../fixtures/fake-service-account";

const keyFile = (fields: Record<string, unknown>) => JSON.stringify({ ...FAKE_SERVICE_ACCOUNT, ...fields });

describe("service_account_json", () => {
  it("accepts a key file and returns its parsed fields", () => {
    const { key, problems } = parseServiceAccountJson(JSON.stringify(FAKE_SERVICE_ACCOUNT, null, 2));
    expect(problems).toEqual([]);
    expect(key?.client_email).toBe(FAKE_SERVICE_ACCOUNT.client_email);
    expect(key?.private_key).toContain(FAKE_KEY_MATERIAL);
  });

  it.each([
    ["not JSON", `{"private_key": "${FAKE_KEY_MATERIAL}"`, /service_account_json is not valid JSON/],
    ["a JSON array", JSON.stringify([FAKE_KEY_MATERIAL]), /service_account_json must be a JSON object/],
    ["user credentials", keyFile({ type: "authorized_user" }), /must have "type": "service_account" \(it is "authorized_user"\)/],
    ["a key without client_email", keyFile({ client_email: undefined }), /missing "client_email"/],
    ["a key with an empty private_key", keyFile({ private_key: "  " }), /missing "private_key"/],
    ["a key without project_id", keyFile({ project_id: 42 }), /missing "project_id"/],
    ["a client_email that is not an address", keyFile({ client_email: "portkey" }), /"client_email" must be the service account's email address/],
  ])("rejects %s, naming the attribute and the fix", (_what, text, message) => {
    const { key, problems } = parseServiceAccountJson(text);
    expect(key).toBeUndefined();
    expect(problems.join("\n")).toMatch(message);
    for (const problem of problems) {
      expect(problem).toMatch(/^service_account_json /);
      expect(problem).toContain('file("key.json")');
      expect(problem).not.toContain(FAKE_KEY_MATERIAL);
    }
  });

  it("does not quote an unexpected type value that could be key material", () => {
    const { problems } = parseServiceAccountJson(keyFile({ type: FAKE_KEY_MATERIAL }));
    expect(problems.join("\n")).not.toContain(FAKE_KEY_MATERIAL);
  });
});

describe("other integration attributes", () => {
  it("checks slugs, regions and auth types with messages that name the attribute", () => {
    expect(checkSlug("slug")("vertex-prod_2")).toBeUndefined();
    expect(checkSlug("integration_slug")("vertex prod")).toMatch(/^integration_slug must contain only/);
    expect(checkSlug("slug")("a".repeat(256))).toMatch(/at most 255/);
    expect(checkVertexRegion("europe-west4")).toBeUndefined();
    expect(checkVertexRegion("global")).toBeUndefined();
    expect(checkVertexRegion("Europe West")).toMatch(/^vertex_region must be a Vertex AI location/);
    expect(checkAuthType("workload")).toBeUndefined();
    expect(checkAuthType("service_account")).toMatch(/^auth_type must be "serviceAccount"/);
  });

  it("splits `<integration_slug>/<workspace_id>` import ids and explains a malformed one", () => {
    expect(splitImportId("vertex-prod/ws-pay-123", "x", "<integration_slug>/<workspace_id>")).toEqual(["vertex-prod", "ws-pay-123"]);
    expect(() => splitImportId("vertex-prod", "portkeyadmin_integration_workspace_access", "<integration_slug>/<workspace_id>")).toThrow(
      'portkeyadmin_integration_workspace_access: the import id must be "<integration_slug>/<workspace_id>", got "vertex-prod"',
    );
  });
});

describe("Vertex configurations on the wire", () => {
  it("sends the whole configurations object with the parsed key file, and reads the masked form back without it", () => {
    const { key } = parseServiceAccountJson(JSON.stringify(FAKE_SERVICE_ACCOUNT));
    const sent = vertexConfigurations({ auth_type: "serviceAccount", vertex_region: "us-east5", vertex_project_id: null }, key);
    expect(sent).toEqual({ vertex_auth_type: "serviceAccount", vertex_region: "us-east5", vertex_service_account_json: FAKE_SERVICE_ACCOUNT });
    const read = vertexSettingsFromWire({ vertex_auth_type: "workload", vertex_region: "global", vertex_project_id: "p", masked_vertex_service_account_json: { client_email: "x" } });
    expect(read).toEqual({ auth_type: "workload", vertex_region: "global", vertex_project_id: "p" });
  });
});
