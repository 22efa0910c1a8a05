import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { devOverridesConfig, PROVIDER_SOURCE, providerVersion, terraformPlatform, writeImpliedMirror } from "../../../src/provider/install";
import { testDir } from "../../support/run-root";

describe("making terraform find the provider", () => {
  it("uses an address that cannot collide with the official portkey-ai/portkey provider", () => {
    expect(PROVIDER_SOURCE).toBe("terraform.local/claude-vertex-portkey/portkeyadmin");
    expect(providerVersion()).toBe(JSON.parse(readFileSync(join(__dirname, "../../../package.json"), "utf8")).version);
  });

  it("writes a dev_overrides CLI config for the provider's folder", () => {
    expect(devOverridesConfig("/opt/pk")).toBe(
      'provider_installation {\n  dev_overrides {\n    "terraform.local/claude-vertex-portkey/portkeyadmin" = "/opt/pk"\n  }\n  direct {}\n}\n',
    );
  });

  it("writes an implied mirror launcher at the path terraform init searches", () => {
    const dir = testDir("mirror-");
    const file = writeImpliedMirror(dir, { providerPath: "/opt/pk/provider.js", version: "1.2.3", platform: "linux_amd64" });
    expect(file).toBe(join(dir, "terraform.d/plugins/terraform.local/claude-vertex-portkey/portkeyadmin/1.2.3/linux_amd64/terraform-provider-portkeyadmin_v1.2.3"));
    expect(readFileSync(file, "utf8")).toBe('#!/usr/bin/env node\nrequire("/opt/pk/provider.js");\n');
    expect(statSync(file).mode & 0o777).toBe(0o755);
  });

  it("names platforms the way terraform does", () => {
    expect(terraformPlatform("linux", "x64")).toBe("linux_amd64");
    expect(terraformPlatform("darwin", "arm64")).toBe("darwin_arm64");
    expect(() => terraformPlatform("linux", "mips")).toThrow(/no provider platform for CPU architecture "mips"/);
  });
});
