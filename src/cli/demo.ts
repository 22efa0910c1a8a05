/**
 * `npm run demo`: the main job on the embedded default, on a fresh machine (after `npm run build`,
 * with terraform 1.11 on PATH, no cloud account):
 *  1. start the local Portkey emulator;
 *  2. synthesize the app (stacks/main) from stacks/teams.example.json, pointed at the emulator;
 *  3. `terraform init` + `apply` the platform stack, then the team stacks in parallel, with the
 *     real terraform and this project's provider (installed from the mirror synth writes);
 *  4. show the GCP stack that needs a real project (synthesized, not deployed);
 *  5. write the outputs, onboard one developer into a temporary HOME, run `doctor --probe`
 *     against the emulator's gateway, and print the settings file's path.
 * Exits non-zero on any failure. `--real` prints what a real GCP project + Portkey org run would do.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KEY_VARIABLE, PLATFORM_GCP_STACK, PLATFORM_STACK, readAppEnv, synthesizeApp } from "../../stacks/app";
import { TeamsFileError } from "../../stacks/config";
import { bundledProviderPath, packageRoot } from "../provider/install";
import type { Io } from "./args";
import { startEmulator } from "./emulator";
import { run as runCli } from "./main";
import { runTerraform } from "./run-terraform";

const say = (line = "") => console.log(line);

interface StackJson {
  readonly provider?: Record<string, unknown>;
  readonly resource?: Record<string, Record<string, unknown>>;
}

function readStack(outdir: string, stack: string): StackJson {
  return JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as StackJson;
}

/** The providers a synthesized stack needs; only portkeyadmin can be installed offline. */
const providersOf = (json: StackJson) => Object.keys(json.provider ?? {});

/** `google_service_account ×1, …`: what a stack would create. */
function resourceSummary(json: StackJson): string {
  return Object.entries(json.resource ?? {})
    .map(([type, items]) => `${type} ×${Object.keys(items).length}`)
    .join(", ");
}

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

async function terraformStep(stackDir: string, env: NodeJS.ProcessEnv, args: string[], what: string): Promise<string> {
  const result = await runTerraform(stackDir, [...args, "-input=false"], env);
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.output}`);
  return result.output;
}

async function deploy(outdir: string, stack: string, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const dir = join(outdir, "stacks", stack);
  await terraformStep(dir, env, ["init"], `terraform init (${stack})`);
  const applied = await terraformStep(dir, env, ["apply", "-auto-approve"], `terraform apply (${stack})`);
  say(`  ${stack}: ${applied.match(/Apply complete!.*$/m)?.[0] ?? "applied"}`);
  const result = await runTerraform(dir, ["output", "-json"], env);
  if (result.code !== 0) throw new Error(`terraform output (${stack}) failed:\n${result.output}`);
  const outputs = JSON.parse(result.output) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
}

/** Run the CLI in-process (the emulator serves from this process: no blocking child). */
async function cli(args: string[], homeDir: string): Promise<{ code: number; output: string }> {
  let output = "";
  const io: Io = {
    stdout: (text) => (output += text),
    stderr: (text) => (output += text),
    readStdin: async () => "",
    env: {}, // the developer's shell must not override the freshly written settings
    homeDir,
    now: () => new Date(),
  };
  const code = await runCli(args, io);
  return { code, output };
}

const indent = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");

async function demo(): Promise<number> {
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
      [`TF_VAR_${KEY_VARIABLE}`]: readFileSync(keyFile, "utf8"),
    };
    const teamStacks = built.teams.map((s) => s.node.id);
    const needsGcp = (stack: string) => providersOf(readStack(outdir, stack)).some((name) => name !== "portkeyadmin");
    const deployable = teamStacks.filter((stack) => !needsGcp(stack));
    say("\nterraform init + apply (platform first, then the teams in parallel):");
    const outputs: Record<string, Record<string, unknown>> = {};
    outputs[PLATFORM_STACK] = await deploy(outdir, PLATFORM_STACK, env);
    const teamOutputs = await Promise.all(deployable.map((stack) => deploy(outdir, stack, env)));
    deployable.forEach((stack, i) => {
      outputs[stack] = teamOutputs[i];
    });
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
    say(`\nGCP stack "${PLATFORM_GCP_STACK}" (synthesized, not deployed: it needs a real GCP project; see README "Quick start with a real GCP project"):`);
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
    const home = mkdtempSync(join(tmpdir(), "cvp-demo-home-"));
    mkdirSync(join(home, ".claude"), { recursive: true });
    const onboarded = await cli(["onboard", outputsFile, "--home", home, "--output", `${stack}.settings_${keyName}`], home);
    say(`\nclaude-vertex-portkey onboard ${outputsFile} --home ${home} --output ${stack}.settings_${keyName}`);
    say(indent(onboarded.output));
    if (onboarded.code !== 0) throw new Error(`onboard exited ${onboarded.code}.`);
    const doctor = await cli(["doctor", "--home", home, "--probe"], home);
    say(`\nclaude-vertex-portkey doctor --home ${home} --probe`);
    say(indent(doctor.output));
    if (doctor.code !== 0) throw new Error(`doctor --probe exited ${doctor.code}.`);

    say(`\nSettings file: ${join(home, ".claude", "settings.json")}`);
    say("Demo complete.");
    return 0;
  } finally {
    await emulator.close();
  }
}

/** `--real`: what a run against a real GCP project and Portkey organisation does (printed, not run). */
function real(): number {
  const env = readAppEnv({ ...process.env, CVP_GCP: "real" });
  if (env.note) say(env.note);
  if (!process.env.PORTKEY_API_KEY) say("warning: PORTKEY_API_KEY is not set; terraform needs it (a Portkey admin key).");
  const outdir = mkdtempSync(join(tmpdir(), "cvp-real-"));
  const { config, built } = synthesizeApp({ teamsFile: env.teamsFile, gcp: "real", outdir });
  say(`--real does not deploy from the demo: it synthesized ${env.teamsFile} with CVP_GCP=real into ${outdir}.`);
  say(`GCP project ${config.gcp.project_id}, Portkey ${config.portkey.base_url}. Stacks: ${[built.platform, ...built.teams].map((s) => s.node.id).join(", ")}.`);
  say("To deploy (gcloud auth application-default login first; roles in README):");
  say(`  CVP_GCP=real TEAMS_FILE=${env.teamsFile} CHECKPOINT_DISABLE=1 npx cdktf deploy ${PLATFORM_STACK}`);
  say(`  CVP_GCP=real TEAMS_FILE=${env.teamsFile} CHECKPOINT_DISABLE=1 npx cdktf deploy ${built.teams.map((s) => s.node.id).join(" ")}`);
  say("  then enable the Claude models in Vertex AI Model Garden, and onboard developers with `claude-vertex-portkey onboard`.");
  return 0;
}

const main = process.argv.includes("--real") ? async () => real() : demo;
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof TeamsFileError || error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
