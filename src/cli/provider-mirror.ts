/**
 * `claude-vertex-portkey provider-mirror <dir>`: write the portkeyadmin provider's distribution
 * (filesystem mirror, network-mirror indexes, registry release files) for plain HCL or OpenTofu,
 * and print the CLI configuration that installs from it (src/provider/install/distribution.ts).
 */
import { resolve } from "node:path";
import { PROVIDER_SOURCE } from "../provider/install/address";
import { cliConfigFor, DEFAULT_PLATFORMS, MIN_NODE_MAJOR, writeDistribution } from "../provider/install/distribution";
import { EXIT, type Io, parseCommandLine, UsageError } from "./args";

export const PROVIDER_MIRROR_HELP = `Usage: claude-vertex-portkey provider-mirror <dir> [--platform <os_arch>]...

Writes the portkeyadmin provider (${PROVIDER_SOURCE}) where Terraform and OpenTofu install from:
  <dir>/terraform.local/…/*.zip         a filesystem mirror (provider_installation.filesystem_mirror)
  <dir>/terraform.local/…/index.json    the same folder served over https is a network mirror
  <dir>/release/                        zips, SHA256SUMS (sign it) and manifest for a registry release
and prints the CLI configuration (~/.terraformrc or TF_CLI_CONFIG_FILE) that uses the mirror.

Options:
  --platform <os_arch>   a Terraform platform to publish (repeatable; default: ${DEFAULT_PLATFORMS.join(", ")})

The provider runs on Node.js ${MIN_NODE_MAJOR} or newer, which must be on PATH where terraform runs; without
it, terraform init succeeds and the first plan says so.
`;

const OPTIONS = { help: { type: "boolean", short: "h" }, platform: { type: "string", multiple: true } } as const;

export async function providerMirror(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS);
  if (values.help) {
    io.stdout(PROVIDER_MIRROR_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError("provider-mirror needs exactly one argument: the folder to write the mirror into.");
  const outDir = resolve(io.cwd, positionals[0]);
  let written: ReturnType<typeof writeDistribution>;
  try {
    written = writeDistribution({ outDir, platforms: values.platform });
  } catch (error) {
    io.stderr(`✗ ${(error as Error).message}\n`);
    return EXIT.problems;
  }
  io.stdout(`✓ ${PROVIDER_SOURCE} ${written.version} (${written.hash}) written to ${outDir}: ${written.files.length} files\n`);
  io.stdout(`\nCLI configuration (~/.terraformrc, or a file named by TF_CLI_CONFIG_FILE):\n\n${cliConfigFor(written.mirrorDir)}\n`);
  io.stdout(
    `In the configuration:\n\n  terraform {\n    required_providers {\n      portkeyadmin = { source = "${PROVIDER_SOURCE}", version = "${written.version}" }\n    }\n  }\n`,
  );
  return EXIT.ok;
}
