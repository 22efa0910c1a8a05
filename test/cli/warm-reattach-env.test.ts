import { alreadyWarm, parseWarmHandshake, reattachValue } from "../../src/cli/warm/reattach-env";
import { PROVIDER_SOURCE } from "../../src/provider/install/address";

describe("TF_REATTACH_PROVIDERS for the warm provider", () => {
  const endpoint = { pid: 4242, socketPath: "/tmp/tfplugin-abc/plugin.sock" };

  it("reads the warm provider's address line", () => {
    expect(parseWarmHandshake("1|6|unix|/tmp/tfplugin-abc/plugin.sock|grpc\n", 4242)).toEqual(endpoint);
  });

  it.each([["1|6|tcp|127.0.0.1:1234|grpc"], ["1|5|unix|/s|grpc"], ["hello"], ["1|6|unix||grpc"], ["1|6|unix|/s|grpc|CERT"]])("refuses %j as an address line", (line) => {
    expect(() => parseWarmHandshake(line, 1)).toThrow(/instead of its address line/);
  });

  it("adds this provider, unmanaged (Test: true, so Terraform never stops it), and keeps other providers' entries", () => {
    const other = { "registry.terraform.io/acme/thing": { Protocol: "grpc", ProtocolVersion: 6, Pid: 7, Test: true, Addr: { Network: "unix", String: "/x" } } };
    const value = JSON.parse(reattachValue(endpoint, JSON.stringify(other))) as Record<string, unknown>;
    expect(value).toEqual({
      ...other,
      [PROVIDER_SOURCE]: { Protocol: "grpc", ProtocolVersion: 6, Pid: 4242, Test: true, Addr: { Network: "unix", String: endpoint.socketPath } },
    });
    expect(JSON.parse(reattachValue(endpoint, undefined))).toHaveProperty([PROVIDER_SOURCE, "Pid"], 4242);
    expect(JSON.parse(reattachValue(endpoint, "  "))).toHaveProperty([PROVIDER_SOURCE, "Pid"], 4242);
  });

  it("knows when an outer warm command already serves this provider", () => {
    expect(alreadyWarm(undefined)).toBe(false);
    expect(alreadyWarm("")).toBe(false);
    expect(alreadyWarm(reattachValue(endpoint, undefined))).toBe(true);
    expect(alreadyWarm(JSON.stringify({ "registry.terraform.io/acme/thing": {} }))).toBe(false);
  });

  it("names the variable and the fix when the existing value is not a JSON object", () => {
    expect(() => reattachValue(endpoint, "{not json")).toThrow(/TF_REATTACH_PROVIDERS is set but is not JSON\. Fix: unset it/);
    expect(() => alreadyWarm("[1,2]")).toThrow(/TF_REATTACH_PROVIDERS is set but is not a JSON object/);
  });
});
