/**
 * `npm run demo`: the main job on the embedded default, as far as the toolkit reaches today.
 * Starts the local Portkey emulator, applies one workspace per example team with the real
 * terraform and this project's provider, checks that a second plan is empty, and prints what
 * was created. Needs `npm run build` first and terraform 1.11 on PATH.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startEmulator } from "./emulator";
import { runTerraform } from "./run-terraform";
import { bundledProviderPath, PROVIDER_SOURCE, writeDevOverridesConfig } from "../provider/install";

const EXAMPLE_TEAMS = [
  { name: "payments", budgetUsd: 500, rpm: 600 },
  { name: "search", budgetUsd: 300, rpm: 300 },
];

function terraform(dir: string, env: NodeJS.ProcessEnv, args: string[]) {
  return runTerraform(dir, [...args, "-input=false"], env);
}

function configuration(adminUrl: string): string {
  const teams = EXAMPLE_TEAMS.map(
    (t) => `
resource "portkeyadmin_workspace" "${t.name}" {
  name         = "${t.name}"
  description  = "Claude Code for the ${t.name} team"
  metadata     = { team = "${t.name}" }
  usage_limits = [{ type = "cost", credit_limit = ${t.budgetUsd}, periodic_reset = "monthly" }]
  rate_limits  = [{ type = "requests", unit = "rpm", value = ${t.rpm} }]
}
output "${t.name}_workspace" { value = portkeyadmin_workspace.${t.name}.slug }`,
  );
  return `terraform {
  required_providers {
    portkeyadmin = { source = "${PROVIDER_SOURCE}" }
  }
}
provider "portkeyadmin" { base_url = "${adminUrl}" }
${teams.join("\n")}
`;
}

async function main(): Promise<number> {
  const provider = bundledProviderPath();
  if (!existsSync(provider)) throw new Error(`${provider} is missing: run \`npm run build\` first.`);
  const adminKey = `demo-admin-${randomBytes(12).toString("hex")}`;
  const emulator = await startEmulator({ adminKey, port: 0 });
  try {
    const dir = mkdtempSync(join(tmpdir(), "portkey-demo-"));
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", PORTKEY_API_KEY: adminKey, TF_CLI_CONFIG_FILE: writeDevOverridesConfig(join(dir, ".terraformrc"), dirname(provider)) };
    writeFileSync(join(dir, "main.tf"), configuration(emulator.adminUrl));
    console.log(`Portkey emulator: ${emulator.url}`);
    console.log(`Terraform working directory: ${dir}`);

    const apply = await terraform(dir, env, ["apply", "-auto-approve"]);
    if (apply.code !== 0) throw new Error(`terraform apply failed:\n${apply.output}`);
    console.log(apply.output.split("\n").filter((l) => /complete|Outputs|_workspace =/.test(l)).join("\n"));

    const plan = await terraform(dir, env, ["plan", "-detailed-exitcode"]);
    if (plan.code !== 0) throw new Error(`the second plan is not empty (exit ${plan.code}):\n${plan.output}`);
    console.log("Second plan: no changes.");
    console.log(`Objects in the emulator: ${JSON.stringify(emulator.counts())}`);
    console.log("Not yet in the demo: GCP synthesis, integration, providers, API keys, settings.json, onboarding and doctor (see the issues).");
    return 0;
  } finally {
    await emulator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
