import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import {
  devOverridesConfig,
  impliedMirrorPath,
  linkImpliedMirror,
  lockBlock,
  PROVIDER_SOURCE,
  providerVersion,
  terraformPlatform,
  withProviderLock,
  writeImpliedMirror,
  writeProviderLock,
} from "../../../src/provider/install";
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

  describe("one mirror shared by the stacks of a synth", () => {
    const options = { providerPath: "/opt/pk/provider.js", version: "1.2.3", platform: "linux_amd64" };
    const setUp = () => {
      const out = testDir("shared-mirror-");
      const stacks = ["team-a", "team-b"].map((name) => join(out, "stacks", name));
      for (const stack of stacks) mkdirSync(stack, { recursive: true });
      return { shared: join(out, ".provider-mirror"), stacks };
    };

    it("links each stack's terraform.d, relatively, to one launcher", () => {
      const { shared, stacks } = setUp();
      for (const stack of stacks) {
        expect(linkImpliedMirror(stack, shared, options)).toBe(impliedMirrorPath(stack, options));
        expect(lstatSync(join(stack, "terraform.d")).isSymbolicLink()).toBe(true);
        expect(readlinkSync(join(stack, "terraform.d"))).toBe("../../.provider-mirror/terraform.d");
        expect(readFileSync(impliedMirrorPath(stack, options), "utf8")).toBe('#!/usr/bin/env node\nrequire("/opt/pk/provider.js");\n');
      }
      expect(readFileSync(impliedMirrorPath(shared, options), "utf8")).toContain("/opt/pk/provider.js");
    });

    it("writes the shared launcher again when it went missing, and relinks a link that points elsewhere", () => {
      const { shared, stacks } = setUp();
      const [stack] = stacks as [string];
      linkImpliedMirror(stack, shared, options);
      rmSync(shared, { recursive: true });
      rmSync(join(stack, "terraform.d"));
      symlinkSync("/nonexistent/terraform.d", join(stack, "terraform.d"));
      linkImpliedMirror(stack, shared, options);
      expect(readlinkSync(join(stack, "terraform.d"))).toBe("../../.provider-mirror/terraform.d");
      expect(existsSync(impliedMirrorPath(stack, options))).toBe(true);
    });

    it("rewrites the shared launcher when the same process links another bundle", () => {
      const { shared, stacks } = setUp();
      const [first, second] = stacks as [string, string];
      linkImpliedMirror(first, shared, options);
      linkImpliedMirror(second, shared, { ...options, providerPath: "/opt/other/provider.js" });
      expect(readFileSync(impliedMirrorPath(first, options), "utf8")).toContain("/opt/other/provider.js");
    });

    it("keeps a real terraform.d an earlier synth left, and writes the launcher into it", () => {
      const { shared, stacks } = setUp();
      const [stack] = stacks as [string];
      writeImpliedMirror(stack, { ...options, providerPath: "/old/provider.js" });
      linkImpliedMirror(stack, shared, options);
      expect(lstatSync(join(stack, "terraform.d")).isDirectory()).toBe(true);
      expect(readFileSync(impliedMirrorPath(stack, options), "utf8")).toContain("/opt/pk/provider.js");
    });
  });

  it("names platforms the way terraform does", () => {
    expect(terraformPlatform("linux", "x64")).toBe("linux_amd64");
    expect(terraformPlatform("darwin", "arm64")).toBe("darwin_arm64");
    expect(() => terraformPlatform("linux", "mips")).toThrow(/no provider platform for CPU architecture "mips"/);
  });
});

describe("the provider's lock entry, written next to the mirror", () => {
  it("hashes the mirrored package exactly as terraform init does (the h1 Terraform 1.11.4 recorded for this launcher)", () => {
    const dir = testDir("lock-");
    writeImpliedMirror(dir, { providerPath: "/opt/claude-vertex-portkey/dist/provider/terraform-provider-portkeyadmin", version: "0.1.0", platform: "linux_amd64" });
    const file = writeProviderLock(dir, { version: "0.1.0", platform: "linux_amd64" });
    expect(readFileSync(file, "utf8")).toBe(
      [
        '# This file is maintained automatically by "terraform init".',
        "# Manual edits may be lost in future updates.",
        "",
        'provider "terraform.local/claude-vertex-portkey/portkeyadmin" {',
        '  version     = "0.1.0"',
        '  constraints = "0.1.0"',
        "  hashes = [",
        '    "h1:UhAAalFfHZ5IeQsJme1V4Vk33b20BloqBVg+bRppUF4=",',
        "  ]",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("replaces only its own block in an existing lock file, keeping other providers", () => {
    const google = 'provider "registry.terraform.io/hashicorp/google" {\n  version     = "6.50.0"\n  constraints = "6.50.0"\n  hashes = [\n    "h1:g=",\n  ]\n}\n';
    const stale = lockBlock("0.0.9", ["h1:old="]);
    const existing = `# header\n\n${stale}\n${google}`;
    const next = withProviderLock(existing, lockBlock("0.1.0", ["h1:new="]));
    expect(next).toBe(`# header\n\n${lockBlock("0.1.0", ["h1:new="])}\n${google}`);
    expect(withProviderLock(google, lockBlock("0.1.0", ["h1:new="]))).toBe(`${google}\n${lockBlock("0.1.0", ["h1:new="])}`);
    expect(withProviderLock(next, lockBlock("0.1.0", ["h1:new="]))).toBe(next);
  });
});
