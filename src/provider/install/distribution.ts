/**
 * The provider's distribution, for teams that write plain HCL or run OpenTofu and never install
 * this package's constructs. One folder holds every layout Terraform installs from:
 *
 *   <out>/terraform.local/claude-vertex-portkey/portkeyadmin/
 *     terraform-provider-portkeyadmin_<v>_<platform>.zip   a filesystem mirror (packed layout)
 *     index.json, <v>.json                                  the same folder as a network mirror
 *   <out>/release/                                          what a registry release needs:
 *     terraform-provider-portkeyadmin_<v>_<platform>.zip, _SHA256SUMS, _manifest.json
 *
 * Each zip holds the bundled provider (JavaScript, the same for every platform) and its client
 * chunk. Terraform executes the provider directly, so its first lines are a shell/JavaScript
 * polyglot: as a shell script it looks for `node` and re-executes itself with it, or else says
 * on stdout what is missing (Terraform shows a plugin's stray stdout in its error, not its
 * stderr); as JavaScript those lines are a string and a comment. Windows cannot execute it
 * (no shebangs): use WSL.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { bundledProviderPath, CLIENT_CHUNK, PROVIDER_BINARY, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, providerVersion } from "./address";
import { hashV1 } from "./lock-file";
import { type ZipEntry, zip } from "./zip";

/** The platforms a Node provider runs on that Terraform names; the package is the same for each. */
export const DEFAULT_PLATFORMS = ["linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64", "freebsd_amd64"] as const;

export const MIN_NODE_MAJOR = 20;

/**
 * Replaces the bundle's `#!/usr/bin/env node`. Line 2 is `':'` (a string) then `//` (a comment)
 * to JavaScript, and a no-op then commands to sh. Both messages go to stdout on purpose (above).
 */
export function nodeCheckingPreamble(): string {
  const missing = `${PROVIDER_BINARY} needs Node.js ${MIN_NODE_MAJOR} or newer on PATH, and found no node. Fix: install Node.js (https://nodejs.org; 22 or 24 LTS) on the machine that runs terraform, or put it on the PATH terraform runs with.`;
  const old = `${PROVIDER_BINARY} needs Node.js ${MIN_NODE_MAJOR} or newer, and the node on PATH is `;
  return [
    "#!/bin/sh",
    `':' //; if command -v node >/dev/null 2>&1; then exec node "$0" "$@"; fi; echo '${missing}'; exit 1`,
    `if (Number(process.versions.node.split(".")[0]) < ${MIN_NODE_MAJOR}) { console.log(${JSON.stringify(old)} + process.version + ". Fix: install Node.js 22 or 24 LTS and put it first on PATH."); process.exit(1); }`,
    "",
  ].join("\n");
}

/** The provider package's files: the executable (named as Terraform looks for it) and the client chunk. */
export function packageEntries(bundleDir: string, version: string): ZipEntry[] {
  const main = join(bundleDir, PROVIDER_BINARY);
  const chunk = join(bundleDir, CLIENT_CHUNK);
  for (const file of [main, chunk]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (it bundles the provider).`);
  }
  const bundle = readFileSync(main, "utf8").replace(/^#!.*\n/, "");
  return [
    { name: `${PROVIDER_BINARY}_v${version}`, data: Buffer.from(nodeCheckingPreamble() + bundle), mode: 0o755 },
    { name: CLIENT_CHUNK, data: readFileSync(chunk), mode: 0o644 },
  ];
}

export interface DistributionOptions {
  readonly outDir: string;
  readonly platforms?: readonly string[];
  readonly version?: string;
  /** Where `npm run build` put the bundle. @default the package's dist/provider */
  readonly bundleDir?: string;
}

export interface Distribution {
  readonly version: string;
  /** The folder to name in `filesystem_mirror { path = … }` (or to serve as a network mirror). */
  readonly mirrorDir: string;
  readonly releaseDir: string;
  /** Terraform's `h1:` hash of the package, the same on every platform. */
  readonly hash: string;
  readonly files: readonly string[];
}

const archiveName = (version: string, platform: string) => `${PROVIDER_BINARY}_${version}_${platform}.zip`;

export function writeDistribution(options: DistributionOptions): Distribution {
  const version = options.version ?? providerVersion();
  const platforms = options.platforms ?? DEFAULT_PLATFORMS;
  for (const platform of platforms) {
    if (!/^[a-z0-9]+_[a-z0-9]+$/.test(platform)) throw new Error(`"${platform}" is not a Terraform platform: write <os>_<arch>, e.g. linux_amd64.`);
    if (platform.startsWith("windows_")) throw new Error(`${platform}: the provider is a Node script and Windows cannot execute it as a plugin; run terraform in WSL (linux_amd64).`);
  }
  const entries = packageEntries(options.bundleDir ?? dirname(bundledProviderPath()), version);
  const archive = zip(entries);
  const hash = hashV1(entries);
  const zipHash = createHash("sha256").update(archive).digest("hex");

  const mirrorDir = options.outDir;
  const typeDir = join(mirrorDir, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE);
  const releaseDir = join(options.outDir, "release");
  const files: string[] = [];
  const write = (file: string, data: Buffer | string) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
    files.push(file);
  };

  const archives: Record<string, { url: string; hashes: string[] }> = {};
  for (const platform of platforms) {
    const name = archiveName(version, platform);
    write(join(typeDir, name), archive);
    write(join(releaseDir, name), archive);
    archives[platform] = { url: name, hashes: [hash, `zh:${zipHash}`] };
  }
  // Terraform's provider network mirror protocol: the versions, then each version's archives.
  write(join(typeDir, "index.json"), `${JSON.stringify({ versions: { [version]: {} } }, null, 2)}\n`);
  write(join(typeDir, `${version}.json`), `${JSON.stringify({ archives }, null, 2)}\n`);
  // A registry release: checksums (sign them with the namespace's GPG key) and the protocol manifest.
  write(join(releaseDir, `${PROVIDER_BINARY}_${version}_SHA256SUMS`), platforms.map((platform) => `${zipHash}  ${archiveName(version, platform)}\n`).join(""));
  write(join(releaseDir, `${PROVIDER_BINARY}_${version}_manifest.json`), `${JSON.stringify({ version: 1, metadata: { protocol_versions: ["6.0"] } }, null, 2)}\n`);
  return { version, mirrorDir, releaseDir, hash, files };
}

/** The CLI configuration that installs this provider from the mirror and everything else as usual. */
export function cliConfigFor(mirrorDir: string): string {
  const pattern = `${PROVIDER_HOST}/${PROVIDER_NAMESPACE}/*`;
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirrorDir)}`,
    `    include = [${JSON.stringify(pattern)}]`,
    "  }",
    "  direct {",
    `    exclude = [${JSON.stringify(pattern)}]`,
    "  }",
    "}",
    "",
  ].join("\n");
}
