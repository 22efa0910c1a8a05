/**
 * `npm run demo` without `--real`: the whole flow against the local Portkey emulator, GCP off
 * (steps in src/cli/demo.ts). Team stacks that also need GCP are synthesized, not deployed.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KEY_VARIABLE, KEY_VERSION_VARIABLE, PLATFORM_GCP_STACK, PLATFORM_STACK, synthesizeApp } from "../../../stacks/app";
import { bundledProviderPath, packageRoot } from "../../provider/install";
import { startEmulator } from "../emulator";
import { runTerraform } from "../run-terraform";
import { deployStacks, type StackOutputs } from "./deploy";
import { perDeveloperBudgetDemo } from "./budget";
import { onboardAndProbe } from "./developer";
import { providersOf, readStack, resourceSummary } from "./stack-files";

const say = (line = "") => console.log(line);

/** The demo's per-developer budget: a few requests' worth of the emulator's tokens. */
const DEMO_DEVELOPER_TOKENS = 300;

/** A structurally valid service-account key file that is obviously not a credential. */
function demoKeyFile(projectId: string, accountId: string): string {
  return JSON.stringify({
    type: "service_account",
    project_id: projectId,
    private_key_id: randomBytes(8).toString("hex"),
    private_key: `-----BEGIN PRIVATE KEY-----\nDEMO-ONLY-NOT-A-REAL-KEY-${randomBytes(6).toString("hex")}\n-----END PRIVATE KEY-----\n`,
    client_email: `${accountId}@${projectId}.iam.gserviceaccount.com`,
    client_id: "000000000000000000000",
  });
}

const values = (outputs: StackOutputs) => Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));

export async function emulatorDemo(): Promise<number> {
  const provider = bundledProviderPath();
  if (!existsSync(provider)) throw new Error(`${provider} is missing: run \`npm run build\` first.`);
  const adminKey = `demo-admin-${randomBytes(12).toString("hex")}`;
  const emulator = await startEmulator({ adminKey, port: 0 });
  try {
    const dir = mkdtempSync(join(tmpdir(), "cvp-demo-"));
    say(`Portkey emulator: ${emulator.url} (Admin API ${emulator.adminUrl})`);
    say(`Working directory: ${dir}`);

    // 1. The example teams file, pointed at the emulator instead of api.portkey.ai.
    const example = JSON.parse(readFileSync(join(packageRoot(), "stacks", "teams.example.json"), "utf8")) as Record<string, Record<string, unknown>>;
    delete example.$schema;
    example.portkey = { ...example.portkey, base_url: emulator.adminUrl };
    // A per-developer budget small enough to reach in a few requests (step 8).
    const teams = example.teams as unknown as Array<Record<string, Record<string, unknown> | string>>;
    const budgeted = teams.find((team) => typeof team.per_developer_budget === "object");
    if (budgeted && typeof budgeted.per_developer_budget === "object") budgeted.per_developer_budget = { ...budgeted.per_developer_budget, limit: DEMO_DEVELOPER_TOKENS };
    const teamsFile = join(dir, "teams.json");
    writeFileSync(teamsFile, `${JSON.stringify(example, null, 2)}\n`);

    // 2. Synthesize in-process (what `cdktf synth` runs), GCP off.
    const outdir = join(dir, "cdktf.out");
    const { config, built } = synthesizeApp({ teamsFile, gcp: "off", outdir });
    const stacks = [built.platform, ...(built.platformGcp ? [built.platformGcp] : []), ...built.teams].map((s) => s.node.id);
    say(`\nSynthesized ${stacks.length} stacks from stacks/teams.example.json into ${outdir}: ${stacks.join(", ")}`);

    // 3. Deploy what terraform can install offline (stacks that need only portkeyadmin).
    const keyFile = join(dir, "demo-service-account.json");
    writeFileSync(keyFile, demoKeyFile(config.gcp.project_id, config.gcp.service_account_id), { mode: 0o600 });
    const cliConfig = join(dir, "terraformrc"); // empty: no provider_installation, so the synthesized mirror is used
    writeFileSync(cliConfig, "");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_CLI_CONFIG_FILE: cliConfig,
      PORTKEY_API_KEY: adminKey,
      // The key goes through an ephemeral variable (never into a plan file); its label is plain.
      [`TF_VAR_${KEY_VARIABLE}`]: readFileSync(keyFile, "utf8"),
      [`TF_VAR_${KEY_VERSION_VARIABLE}`]: "demo-1",
    };
    const teamStacks = built.teams.map((s) => s.node.id);
    const needsGcp = (stack: string) => providersOf(readStack(outdir, stack)).some((name) => name !== "portkeyadmin");
    const deployable = teamStacks.filter((stack) => !needsGcp(stack));
    say("\nterraform init + apply (platform first, then the teams in parallel):");
    const deployed = await deployStacks([PLATFORM_STACK], deployable, { runner: (cwd, args, runEnv) => runTerraform(cwd, args, runEnv), outdir, env, say });
    const outputs = Object.fromEntries(Object.entries(deployed).map(([stack, stackOutputs]) => [stack, values(stackOutputs)]));
    for (const stack of teamStacks.filter(needsGcp)) {
      say(`  ${stack}: synthesized, not deployed: it also needs ${providersOf(readStack(outdir, stack)).filter((p) => p !== "portkeyadmin").join(", ")} (a GCP project; e.g. api-key-helper teams keep their key in Secret Manager)`);
    }

    // 4. What was created.
    say("\nCreated in the emulator:");
    say(`  objects: ${JSON.stringify(emulator.counts())}`);
    say(`  integrations (region → slug): ${JSON.stringify(outputs[PLATFORM_STACK].integration_slugs)}`);
    say(`  allowed models: ${JSON.stringify(outputs[PLATFORM_STACK].allowed_models)}`);
    for (const stack of deployable) say(`  ${stack}: ${JSON.stringify(outputs[stack].summary)}`);

    // 5. The GCP side, synthesized only.
    say(`\nGCP stack "${PLATFORM_GCP_STACK}" (synthesized, not deployed: it needs a real GCP project; see README "Quick start with a real GCP project", or \`npm run demo -- --real\`):`);
    say(`  ${resourceSummary(readStack(outdir, PLATFORM_GCP_STACK))}`);
    say("  Then enable each Claude model in Vertex AI Model Garden by hand: Terraform cannot do that step.");

    // 6. Outputs, in `cdktf output --outputs-file --outputs-file-include-sensitive-outputs` shape.
    const outputsFile = join(dir, "outputs.json");
    writeFileSync(outputsFile, `${JSON.stringify(outputs, null, 2)}\n`, { mode: 0o600 });
    say(`\nOutputs (secrets included, mode 0600): ${outputsFile}`);

    // 7. Onboard one developer of the first deployed team, then check with doctor --probe.
    const [stack] = deployable;
    if (!stack) throw new Error("no team stack could be deployed offline.");
    const keyName = config.teams.find((team) => `team-${team.name}` === stack)?.keys[0]?.name;
    const { settingsFile } = await onboardAndProbe({ outputsFile, stack, output: `settings_${keyName}`, say });

    // 8. Two developers of the team with a per-developer budget, one team key: the budget stops one.
    const budgetTeam = budgeted && `team-${String(budgeted.name)}`;
    if (!budgetTeam || !deployable.includes(budgetTeam)) throw new Error("the example teams file has no deployable team with a per_developer_budget.");
    const budgetKey = config.teams.find((team) => `team-${team.name}` === budgetTeam)?.keys[0]?.name;
    say(`\nPer-developer budget of ${budgetTeam}: ${DEMO_DEVELOPER_TOKENS} tokens per developer here (lowered from the example's so the demo reaches it).`);
    const { reportPath } = await perDeveloperBudgetDemo({ outputsFile, selector: `${budgetTeam}.settings_${budgetKey}`, adminUrl: emulator.adminUrl, adminKey, dir, say });

    say(`\nSettings file: ${settingsFile}`);
    say(`Usage report: ${reportPath}`);
    say("Demo complete.");
    return 0;
  } finally {
    await emulator.close();
  }
}
