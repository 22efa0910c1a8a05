/**
 * Where Terraform finds this provider. The host is made up on purpose: the address can never
 * resolve to, or be confused with, the official `portkey-ai/portkey` registry provider.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const PROVIDER_TYPE = "portkeyadmin";
export const PROVIDER_HOST = "terraform.local";
export const PROVIDER_NAMESPACE = "claude-vertex-portkey";
export const PROVIDER_SOURCE = `${PROVIDER_HOST}/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
export const PROVIDER_BINARY = `terraform-provider-${PROVIDER_TYPE}`;
/** The Portkey client, bundled apart and loaded on ConfigureProvider only (src/provider/bundle.ts). */
export const CLIENT_CHUNK = "portkey-client.js";

/** The package root: the nearest folder above this file with a package.json (works from src/ and dist/). */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}.`);
    dir = parent;
  }
  return dir;
}

let cachedVersion: string | undefined;

/**
 * The provider's version is the package's: one release, one version. Read on first use, not at
 * import: every provider process imports this file, and only installers need the version.
 */
export function providerVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
  return cachedVersion;
}

/** The bundled provider program that `npm run build` writes. */
export function bundledProviderPath(root: string = packageRoot()): string {
  return join(root, "dist", "provider", PROVIDER_BINARY);
}

/** Terraform's name for this machine's platform, e.g. linux_amd64. */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const archName: Record<string, string> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };
  const osName = platform === "win32" ? "windows" : platform;
  const mapped = archName[arch];
  if (!mapped) throw new Error(`Terraform has no provider platform for CPU architecture "${arch}".`);
  return `${osName}_${mapped}`;
}
