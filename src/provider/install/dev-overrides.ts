/**
 * A Terraform CLI config whose dev_overrides point this provider's address at a folder holding
 * the provider program. No `terraform init` and no lock entry are needed; Terraform warns
 * "Provider development overrides are in effect" on every command. Best for the inner loop
 * and for tests. Use it with `TF_CLI_CONFIG_FILE=<file>`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PROVIDER_SOURCE } from "./address";

export function devOverridesConfig(providerDir: string): string {
  return [
    "provider_installation {",
    "  dev_overrides {",
    `    ${JSON.stringify(PROVIDER_SOURCE)} = ${JSON.stringify(providerDir)}`,
    "  }",
    "  direct {}",
    "}",
    "",
  ].join("\n");
}

/** Write the CLI config file; returns its path for TF_CLI_CONFIG_FILE. */
export function writeDevOverridesConfig(configFile: string, providerDir: string): string {
  mkdirSync(dirname(configFile), { recursive: true });
  writeFileSync(configFile, devOverridesConfig(providerDir));
  return configFile;
}
