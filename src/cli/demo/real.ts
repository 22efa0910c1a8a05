/**
 * `npm run demo -- --real`: the demo's flow against a real GCP project and Portkey organisation.
 *  1. load the teams file (TEAMS_FILE, else stacks/teams.json) and refuse the example's placeholder project;
 *  2. synthesize it with CVP_GCP=real into a persistent folder (default `<package>/cdktf.out`, the
 *     one `cdktf deploy` uses: local state sits beside it, GCS state where the teams file says);
 *  3. print the plan of action (stacks, resource counts, the cdktf equivalent) and check the inputs
 *     (PORTKEY_API_KEY, Google credentials, terraform on PATH);
 *  4. stop there (exit 1) unless `--yes` was given or "yes" was typed on a terminal;
 *  5. `terraform init` + `apply` the platform, then the teams in parallel (google/time from the
 *     registry, portkeyadmin from the mirror synthesis writes), stopping at the first failure;
 *  6. write every output to `<outdir>/outputs.json` (mode 0600: it holds the teams' keys), print the
 *     non-sensitive ones and the Model Garden step, onboard one developer into a temporary HOME
 *     and run `doctor --probe` against the real gateway.
 * PORTKEY_API_KEY reaches terraform through its environment only; no secret is printed.
 */
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PLATFORM_STACK, readAppEnv, synthesizeApp, teamStackName } from "../../../stacks/app";
import { loadTeamsFile, regionsInUse, type TeamsConfig } from "../../../stacks/config";
import { packageRoot } from "../../provider/install";
import { deployStacks, type TerraformRunner } from "./deploy";
import type { DeveloperCheck, DeveloperResult } from "./developer";
import { checkPrerequisites, placeholderProblem } from "./real-checks";
import { providersOf, readStack, resourceCount, resourceSummary } from "./stack-files";

export interface RealOptions {
  /** Deploy without asking. @default false - print the plan of action and stop (exit 1), unless `confirm` says yes */
  readonly yes: boolean;
  /** The synth output folder, kept between runs. @default `<package>/cdktf.out` */
  readonly outdir?: string;
}

export interface RealDeps {
  /** The environment terraform gets (plus CHECKPOINT_DISABLE and TF_IN_AUTOMATION). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** For the Application Default Credentials file. */
  readonly homeDir: string;
  readonly say: (line?: string) => void;
  readonly runner: TerraformRunner;
  /** Ask on a terminal; absent when stdin or stdout is not one. */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** Onboard one developer from the outputs file and probe the gateway (src/cli/demo/developer.ts). */
  readonly checkDeveloper: (check: DeveloperCheck) => Promise<DeveloperResult>;
}

/** Thrown before anything real changes: the teams file or the environment is not ready. */
export class NotReadyError extends Error {}

function stateWhere({ backend }: TeamsConfig, outdir: string): string {
  return backend.type === "gcs" ? `GCS, gs://${backend.bucket}/${backend.prefix}/<stack>` : `local, ${join(dirname(outdir), "terraform.<stack>.tfstate")}`;
}

const INIT_HINTS: readonly [RegExp, string][] = [
  [
    /for provider\s+terraform\.local\//,
    "Hint: a Terraform CLI config (TF_CLI_CONFIG_FILE or ~/.terraformrc) with a provider_installation block turns off the portkeyadmin mirror synthesis writes; list the provider there (docs/troubleshooting.md).",
  ],
  [
    /could not connect to\s+registry\.terraform\.io/,
    "Hint: terraform init installs hashicorp/google and hashicorp/time from registry.terraform.io; this machine must reach it (or a provider mirror your Terraform CLI config names).",
  ],
];

/** Fixes for the ways `terraform init` fails to install providers, from its output. */
function initHint(step: string, output: string): string | undefined {
  if (step !== "init") return undefined;
  const hints = INIT_HINTS.filter(([pattern]) => pattern.test(output)).map(([, hint]) => hint);
  return hints.length > 0 ? hints.join("\n") : undefined;
}

/** The team a developer is onboarded from: the first that needs no gcloud for its key. */
function developerTeam(config: TeamsConfig): { stack: string; output: string } {
  const team = config.teams.find((t) => t.settings_mode !== "api-key-helper") ?? config.teams[0];
  return { stack: teamStackName(team.name), output: `settings_${team.keys[0].name}` };
}

export async function realDemo(options: RealOptions, deps: RealDeps): Promise<number> {
  const { say } = deps;
  const appEnv = readAppEnv({ ...deps.env, CVP_GCP: "real" }, deps.cwd);
  if (appEnv.note) say(appEnv.note);

  // 1. The teams file, and not the example's placeholder project.
  const placeholder = placeholderProblem(loadTeamsFile(appEnv.teamsFile));
  if (placeholder) throw new NotReadyError(placeholder);

  // 2. Synthesize (nothing real changes) into the persistent folder.
  const outdir = resolve(deps.cwd, options.outdir ?? join(packageRoot(), "cdktf.out"));
  const { config, built } = synthesizeApp({ teamsFile: appEnv.teamsFile, gcp: "real", outdir });
  for (const warning of config.warnings) say(`warning: ${warning}`);
  const teams = built.teams.map((s) => s.node.id);
  const stacks = [PLATFORM_STACK, ...teams];

  // 3. The plan of action.
  say(`Real deployment plan (CVP_GCP=real), from ${appEnv.teamsFile}; nothing has been changed yet.`);
  say(`  GCP project:  ${config.gcp.project_id} (Vertex regions: ${regionsInUse(config).join(", ")})`);
  say(`  Portkey:      Admin API ${config.portkey.base_url}, gateway ${config.portkey.gateway_url}`);
  say(`  synthesized:  ${outdir}`);
  say(`  state:        ${stateWhere(config, outdir)}`);
  say("Stacks (terraform init + apply: platform first, then the teams in parallel):");
  let total = 0;
  for (const stack of stacks) {
    const json = readStack(outdir, stack);
    total += resourceCount(json);
    say(`  ${stack}: ${resourceCount(json)} resources (providers: ${providersOf(json).join(", ")}): ${resourceSummary(json)}`);
  }
  say(`  ${total} resources in ${stacks.length} stacks.`);
  const lock = (names: string[]) => (names.some((stack) => providersOf(readStack(outdir, stack)).some((p) => p !== "portkeyadmin")) ? " --skip-provider-lock" : "");
  say("The same with cdktf-cli, from the package folder:");
  say(`  CVP_GCP=real TEAMS_FILE=${appEnv.teamsFile} CHECKPOINT_DISABLE=1 npx cdktf deploy ${PLATFORM_STACK}${lock([PLATFORM_STACK])}`);
  say(`  CVP_GCP=real TEAMS_FILE=${appEnv.teamsFile} CHECKPOINT_DISABLE=1 npx cdktf deploy ${teams.join(" ")}${lock(teams)}`);

  const { found, problems } = checkPrerequisites(deps.env, deps.homeDir);
  say("Inputs:");
  for (const line of found) say(`  ✓ ${line}`);
  if (problems.length > 0) throw new NotReadyError(`--real cannot start; nothing was changed:\n${problems.map((p) => `- ${p}`).join("\n")}`);

  // 4. Consent.
  const question = `Deploy these ${stacks.length} stacks to GCP project ${config.gcp.project_id} and the Portkey organisation at ${config.portkey.base_url}? Type yes to continue: `;
  const consented = options.yes || (deps.confirm ? await deps.confirm(question) : false);
  if (!consented) {
    say(deps.confirm ? "Not confirmed: nothing was changed." : "Nothing was changed: run again with --yes to deploy (npm run demo -- --real --yes).");
    return 1;
  }

  // 5. Deploy.
  const env: NodeJS.ProcessEnv = { ...deps.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  say("\nterraform init + apply (platform first, then the teams in parallel):");
  const outputs = await deployStacks([PLATFORM_STACK], teams, { runner: deps.runner, outdir, env, say, progress: true, hint: initHint });

  // 6. Outputs: all of them to an owner-only file (recreated, so a looser old mode cannot stay).
  const outputsFile = join(outdir, "outputs.json");
  const values = Object.fromEntries(stacks.map((stack) => [stack, Object.fromEntries(Object.entries(outputs[stack]).map(([name, o]) => [name, o.value]))]));
  rmSync(outputsFile, { force: true });
  writeFileSync(outputsFile, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600, flag: "wx" });

  say("\nCreated (or already up to date), non-sensitive outputs:");
  let sensitive = 0;
  for (const stack of stacks) {
    const shown = Object.entries(outputs[stack]).filter(([, o]) => !o.sensitive);
    sensitive += Object.keys(outputs[stack]).length - shown.length;
    say(`  ${stack}: ${shown.map(([name, o]) => `${name} = ${JSON.stringify(o.value)}`).join("; ") || "(no outputs)"}`);
  }
  say(`Outputs, ${sensitive} sensitive ones included (mode 0600): ${outputsFile}`);

  const models = outputs[PLATFORM_STACK].allowed_models?.value;
  say("\nModel Garden (by hand; Terraform cannot do it): in the Vertex AI console, enable each Claude model below in each region, or Vertex answers 404.");
  say(`  models:  ${Array.isArray(models) ? models.join(", ") : JSON.stringify(models)}`);
  say(`  regions: ${regionsInUse(config).join(", ")}`);
  say(`  https://console.cloud.google.com/vertex-ai/model-garden?project=${encodeURIComponent(config.gcp.project_id)}`);

  const developer = developerTeam(config);
  let result: DeveloperResult;
  try {
    result = await deps.checkDeveloper({ outputsFile, ...developer, say });
  } catch (error) {
    throw new Error(
      `${(error as Error).message} The stacks are deployed. If the probe says the model was not found, enable it in Model Garden (above) and run the doctor command above again.`,
    );
  }
  say(`\nSettings file (it holds ${developer.stack}'s key, mode 0600; delete its folder when done): ${result.settingsFile}`);
  say(`Onboard developers: claude-vertex-portkey onboard ${outputsFile} --output ${developer.stack}.${developer.output}`);
  say(`Tear down: terraform -chdir=<stack folder> destroy, each team stack then ${PLATFORM_STACK} (folders under ${join(outdir, "stacks")}; same environment).`);
  say("Real deployment complete.");
  return 0;
}
