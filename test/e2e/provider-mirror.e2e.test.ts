/**
 * The provider without cdktf (issue 16): `claude-vertex-portkey provider-mirror <dir>` writes the
 * distribution, and the real `terraform init`, with no dev overrides and no cdktf, installs the
 * provider from it, as a filesystem mirror and as a network mirror served over https, then
 * applies a workspace in plain HCL against the emulator. Without Node on PATH the plan says what
 * is missing. Needs `npm run build` and `openssl` (for the network mirror's certificate).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";
import { type RunningEmulator, startEmulator } from "../../src/cli/emulator";
import { PROVIDER_SOURCE, providerVersion } from "../../src/provider/install";
import { removeTestDir, testDir } from "../support/run-root";
import { ONBOARD, ROOT, run } from "./support/cdktf-project";

jest.setTimeout(180_000);

const ADMIN_KEY = "pk-admin-provider-mirror-e2e-5d1e07";
const VERSION = providerVersion();
const TYPE_DIR = join("terraform.local", "claude-vertex-portkey", "portkeyadmin");

const mainTf = (baseUrl: string, name: string) => `terraform {
  required_providers {
    portkeyadmin = { source = "${PROVIDER_SOURCE}", version = "${VERSION}" }
  }
}

provider "portkeyadmin" {
  base_url = "${baseUrl}"
}

resource "portkeyadmin_workspace" "team" {
  name = "${name}"
}
`;

describe("the provider from its mirror, in plain HCL", () => {
  let emulator: RunningEmulator;
  let root: string;
  let mirror: string;
  let cliOutput: string;

  /**
   * terraform with only what the test gives it: no dev overrides, no inherited TF_* variables.
   * Asynchronous: the emulator (and the https mirror) answer from this process's event loop.
   */
  async function terraform(dir: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TF_")));
    const result = await run("terraform", [...args, "-no-color"], dir, { ...inherited, HOME: dir, CHECKPOINT_DISABLE: "1", PORTKEY_API_KEY: ADMIN_KEY, ...extraEnv });
    return { status: result.code, output: result.output };
  }

  beforeAll(async () => {
    if (!existsSync(ONBOARD)) throw new Error(`${ONBOARD} is missing: run \`npm run build\` before this test.`);
    emulator = await startEmulator({ adminKey: ADMIN_KEY, port: 0 });
    root = testDir("provider-mirror-e2e-");
    mirror = join(root, "mirror");
    const cli = spawnSync(process.execPath, [ONBOARD, "provider-mirror", mirror], { encoding: "utf8" });
    if (cli.status !== 0) throw new Error(`provider-mirror exited ${cli.status}:\n${cli.stdout}${cli.stderr}`);
    cliOutput = cli.stdout;
  });

  afterAll(async () => {
    await emulator?.close();
    if (root) removeTestDir(root);
  });

  it("writes the mirror, the network-mirror indexes and the release files, consistent with each other", () => {
    const typeDir = join(mirror, TYPE_DIR);
    expect(JSON.parse(readFileSync(join(typeDir, "index.json"), "utf8"))).toEqual({ versions: { [VERSION]: {} } });
    const archives = (JSON.parse(readFileSync(join(typeDir, `${VERSION}.json`), "utf8")) as { archives: Record<string, { url: string; hashes: string[] }> }).archives;
    expect(Object.keys(archives).sort()).toEqual(["darwin_amd64", "darwin_arm64", "freebsd_amd64", "linux_amd64", "linux_arm64"]);
    const sums = readFileSync(join(mirror, "release", `terraform-provider-portkeyadmin_${VERSION}_SHA256SUMS`), "utf8");
    for (const [platform, archive] of Object.entries(archives)) {
      const zipSha = createHash("sha256").update(readFileSync(join(typeDir, archive.url))).digest("hex");
      expect(archive.url).toBe(`terraform-provider-portkeyadmin_${VERSION}_${platform}.zip`);
      expect(archive.hashes).toContain(`zh:${zipSha}`);
      expect(sums).toContain(`${zipSha}  ${archive.url}\n`);
      expect(readFileSync(join(mirror, "release", archive.url)).equals(readFileSync(join(typeDir, archive.url)))).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(mirror, "release", `terraform-provider-portkeyadmin_${VERSION}_manifest.json`), "utf8"))).toEqual({ version: 1, metadata: { protocol_versions: ["6.0"] } });
    expect(cliOutput).toContain("filesystem_mirror {");
  });

  it("installs from the filesystem mirror with the printed CLI configuration, records the same h1 hash, and applies", async () => {
    const dir = testDir("provider-mirror-fs-");
    const cliConfig = cliOutput.slice(cliOutput.indexOf("provider_installation {"), cliOutput.indexOf("\n}\n") + 3);
    writeFileSync(join(dir, "cli.tfrc"), cliConfig);
    writeFileSync(join(dir, "main.tf"), mainTf(emulator.adminUrl, "mirror-fs"));
    const env = { TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc") };

    const init = await terraform(dir, ["init", "-input=false"], env);
    expect(init.output).toContain(`Installing ${PROVIDER_SOURCE} v${VERSION}`);
    expect(init.status).toBe(0);
    const h1 = /h1:[A-Za-z0-9+/]+=*/.exec(cliOutput)?.[0];
    expect(readFileSync(join(dir, ".terraform.lock.hcl"), "utf8")).toContain(`"${h1}"`);

    const apply = await terraform(dir, ["apply", "-auto-approve", "-input=false"], env);
    expect(apply.output).toContain("Apply complete! Resources: 1 added");
    expect(emulator.snapshot().workspaces.some((w) => String(w.name).endsWith("mirror-fs"))).toBe(true);
    expect((await terraform(dir, ["destroy", "-auto-approve", "-input=false"], env)).status).toBe(0);
  });

  it("installs for the plain-HCL example, which validates against the provider's schema", async () => {
    const dir = testDir("provider-mirror-example-");
    const cliConfig = cliOutput.slice(cliOutput.indexOf("provider_installation {"), cliOutput.indexOf("\n}\n") + 3);
    writeFileSync(join(dir, "cli.tfrc"), cliConfig);
    writeFileSync(join(dir, "main.tf"), readFileSync(join(ROOT, "examples", "plain-hcl", "main.tf"), "utf8"));
    const env = { TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc") };
    expect((await terraform(dir, ["init", "-input=false"], env)).status).toBe(0);
    const validate = await terraform(dir, ["validate"], env);
    expect(validate.output).toContain("The configuration is valid.");
  });

  it("installs from the same folder served over https as a network mirror", async () => {
    const dir = testDir("provider-mirror-net-");
    const cert = join(dir, "cert.pem");
    const key = join(dir, "key.pem");
    const openssl = spawnSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
      { encoding: "utf8" },
    );
    if (openssl.status !== 0) throw new Error(`openssl could not make the test certificate:\n${openssl.stderr}`);
    const server: Server = createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "https://x").pathname));
      const file = join(mirror, path);
      if (!file.startsWith(mirror) || !existsSync(file)) return void response.writeHead(404).end();
      // Terraform requires a Content-Type on the JSON indexes, as any static web server sends.
      response.writeHead(200, { "content-type": file.endsWith(".json") ? "application/json" : "application/zip" }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      writeFileSync(join(dir, "cli.tfrc"), `provider_installation {\n  network_mirror {\n    url     = "https://127.0.0.1:${port}/"\n    include = ["terraform.local/*/*"]\n  }\n}\n`);
      writeFileSync(join(dir, "main.tf"), mainTf(emulator.adminUrl, "mirror-net"));
      // Go reads extra trust roots from SSL_CERT_FILE on Linux.
      const env = { TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc"), SSL_CERT_FILE: cert };
      const init = await terraform(dir, ["init", "-input=false"], env);
      expect(init.output).toContain(`Installing ${PROVIDER_SOURCE} v${VERSION}`);
      expect(init.status).toBe(0);
      const apply = await terraform(dir, ["apply", "-auto-approve", "-input=false"], env);
      expect(apply.output).toContain("Apply complete! Resources: 1 added");
    } finally {
      server.close();
    }
  });

  it("says that Node.js is missing when terraform runs the provider without node on PATH", async () => {
    const dir = testDir("provider-mirror-nonode-");
    const cliConfig = cliOutput.slice(cliOutput.indexOf("provider_installation {"), cliOutput.indexOf("\n}\n") + 3);
    writeFileSync(join(dir, "cli.tfrc"), cliConfig);
    writeFileSync(join(dir, "main.tf"), mainTf(emulator.adminUrl, "no-node"));
    const env = { TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc") };
    expect((await terraform(dir, ["init", "-input=false"], env)).status).toBe(0);
    const terraformDir = spawnSync("sh", ["-c", "dirname \"$(command -v terraform)\""], { encoding: "utf8" }).stdout.trim();
    const nodeDir = spawnSync("sh", ["-c", "dirname \"$(command -v node)\""], { encoding: "utf8" }).stdout.trim();
    if (terraformDir === nodeDir) throw new Error(`terraform and node share ${terraformDir}: this test needs a PATH with terraform and without node.`);
    const plan = await terraform(dir, ["plan", "-input=false"], { ...env, PATH: terraformDir });
    expect(plan.status).not.toBe(0);
    expect(plan.output.replace(/\s+/g, " ")).toContain("terraform-provider-portkeyadmin needs Node.js 20 or newer on PATH, and found no node. Fix: install Node.js");
  });
});
