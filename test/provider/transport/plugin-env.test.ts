/** The go-plugin environment check: who may start the plugin, which protocol, which transport. */
import { MAGIC_COOKIE_VALUE, PluginEnvError, readPluginEnv } from "../../../src/provider/transport/goplugin/env";

const cookie = { TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE };

describe("plugin environment", () => {
  it("refuses to run without Terraform's magic cookie, explaining what the program is", () => {
    expect(() => readPluginEnv({})).toThrow(PluginEnvError);
    expect(() => readPluginEnv({ TF_PLUGIN_MAGIC_COOKIE: "wrong" })).toThrow(/Terraform provider plugin.*not meant to be run directly/s);
  });

  it("requires protocol 6 among the versions Terraform offers", () => {
    expect(() => readPluginEnv({ ...cookie, PLUGIN_PROTOCOL_VERSIONS: "4,5" })).toThrow(/offered plugin protocol version\(s\) 4, 5.*only protocol 6/);
    expect(readPluginEnv({ ...cookie, PLUGIN_PROTOCOL_VERSIONS: "5,6" }).transport.kind).toBe("unix");
  });

  it("serves TLS exactly when Terraform passes a client certificate", () => {
    expect(readPluginEnv({ ...cookie, PLUGIN_CLIENT_CERT: "-----BEGIN CERTIFICATE-----" }).clientCertPem).toContain("BEGIN");
    expect(readPluginEnv({ ...cookie }).clientCertPem).toBeUndefined();
  });

  it("uses tcp within PLUGIN_MIN_PORT..PLUGIN_MAX_PORT on Windows or when forced", () => {
    expect(readPluginEnv({ ...cookie, PLUGIN_MIN_PORT: "10000", PLUGIN_MAX_PORT: "10010" }, "win32").transport).toEqual({
      kind: "tcp",
      minPort: 10000,
      maxPort: 10010,
    });
    expect(readPluginEnv({ ...cookie, PLUGIN_TRANSPORT: "tcp" }, "linux").transport).toEqual({ kind: "tcp", minPort: 0, maxPort: 0 });
    expect(() => readPluginEnv({ ...cookie, PLUGIN_TRANSPORT: "tcp", PLUGIN_MIN_PORT: "http" })).toThrow(/PLUGIN_MIN_PORT="http" is not a port/);
  });
});
