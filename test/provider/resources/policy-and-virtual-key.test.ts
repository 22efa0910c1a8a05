/** Policy read-back and key rules, and the service-account check of the legacy virtual key. */
import { usageLimitsPolicy } from "../../../src/portkey/schemas/policies";
import { checkPolicyKey, isArchived, policyScopeFromWire, policyScopeToWire } from "../../../src/provider/resources/policy-fields";
import { checkServiceAccount, parseServiceAccount } from "../../../src/provider/resources/virtual-key-service-account";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../../fixtures/fake-service-account";
import { usageLimitsPolicyGet, WORKSPACE_SLUG, WORKSPACE_UUID } from "../../portkey/fixtures/live-shapes";

describe("policy conditions and group_by", () => {
  it("accepts the documented keys, including metadata._user for per-developer budgets", () => {
    for (const key of ["api_key", "workspace_id", "organisation_id", "metadata._user", "metadata.team"]) expect(checkPolicyKey(key)).toBeUndefined();
  });

  it("names the valid keys when given another", () => {
    expect(checkPolicyKey("user")).toContain('use "api_key", "workspace_id", "organisation_id" or "metadata.<field>"');
    expect(checkPolicyKey("metadata.")).toBeDefined();
  });

  it("reads JSON-encoded group_by and keeps the caller's workspace slug", () => {
    const read = policyScopeFromWire(usageLimitsPolicy.parse(usageLimitsPolicyGet), { workspace_id: WORKSPACE_SLUG });
    expect(read).toMatchObject({
      workspace_id: WORKSPACE_SLUG,
      conditions: [{ key: "workspace_id", value: WORKSPACE_UUID }],
      group_by: [{ key: "api_key" }],
      status: "active",
    });
  });

  it("treats an archived policy (Portkey's delete) as gone", () => {
    expect(isArchived({ status: "archived" })).toBe(true);
    expect(isArchived(usageLimitsPolicy.parse(usageLimitsPolicyGet))).toBe(false);
  });

  it("sends name and workspace only when configured", () => {
    expect(policyScopeToWire({ name: null, workspace_id: null, conditions: [{ key: "api_key", value: "k1" }], group_by: [{ key: "api_key" }] })).toEqual({
      conditions: [{ key: "api_key", value: "k1" }],
      group_by: [{ key: "api_key" }],
    });
  });
});

describe("virtual-key service_account_json", () => {
  it("accepts a service-account key file", () => {
    expect(parseServiceAccount(JSON.stringify(FAKE_SERVICE_ACCOUNT))).toEqual({ ok: true, value: FAKE_SERVICE_ACCOUNT });
  });

  it.each([
    ["not JSON", `{"private_key": "${FAKE_KEY_MATERIAL}"`, "is not valid JSON"],
    ["another credential type", JSON.stringify({ ...FAKE_SERVICE_ACCOUNT, type: "authorized_user" }), '"type" field must be "service_account"'],
    ["a key file without its private key", JSON.stringify({ ...FAKE_SERVICE_ACCOUNT, private_key: "" }), 'lacks "private_key"'],
    ["an array", JSON.stringify([FAKE_SERVICE_ACCOUNT]), "must be a JSON object"],
  ])("rejects %s, naming the attribute and never echoing the key", (_, text, expected) => {
    const message = checkServiceAccount(text) ?? "";
    expect(message).toContain("service_account_json");
    expect(message).toContain(expected);
    expect(message.includes(FAKE_KEY_MATERIAL)).toBe(false);
  });
});
