/**
 * The cdktf CLI as a cdktf user runs it (issue #7): the real `cdktf` from node_modules/.bin, in a
 * fresh project folder whose cdktf.json runs this package's app, against the in-process emulator:
 *   cdktf synth → cdktf deploy platform → cdktf deploy team-<x> → cdktf diff team-<x> (no changes)
 *   → cdktf output team-<x> --outputs-file … --outputs-file-include-sensitive-outputs
 *   → claude-vertex-portkey onboard <that file> → cdktf destroy team-<x>.
 *
 * No network and no CLI config: HOME is empty and every TF_* variable is dropped, so terraform
 * finds the provider only through what synthesis writes into each stack folder (the implied
 * mirror and the lock entry, src/constructs/l1/provider-installation.ts). CHECKPOINT_DISABLE=1
 * turns off cdktf-cli's telemetry and Terraform's checkpoint; DISABLE_VERSION_CHECK=true its
 * `npm view cdktf-cli version`; cdktf.json's "sendCrashReports": "false" its crash reports.
 *
 * The team is data-science: its stack needs only portkeyadmin (payments would too; mobile is
 * api-key-helper and needs hashicorp/google, which cannot be downloaded here). Key rotation
 * (`keys[].rotation_days`, hashicorp/time) is covered at synthesis level and by the provider's
 * own rotation e2e (api-key.e2e.test.ts). Needs `npm run build`. Each command's wall time is
 * printed at the end.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "../../src/cli/emulator";
import { bundledProviderPath, LOCK_FILE, PROVIDER_SOURCE, packageRoot } from "../../src/provider/install";
import { FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { removeTestDir, testDir } from "../support/run-root";

jest.setTimeout(240_000);

const ROOT = packageRoot(__dirname);
// CVP_CDKTF_CLI runs the same flow with another CLI binary: .ci/cdktn points it at CDK Terrain's `cdktn`.
const CDKTF = process.env.CVP_CDKTF_CLI || join(ROOT, "node_modules", ".bin", "cdktf");
const APP = join(ROOT, "dist", "stacks", "main.js");
const ONBOARD = join(ROOT, "dist", "src", "cli", "main.js");
const ADMIN_KEY = "pk-admin-cdktf-cli-e2e-41c9d0";
const TEAM = "data-science";
const STACK = `team-${TEAM}`;
const KEY = "claude-code";

interface Run {
  readonly code: number;
  /** stdout + stderr, ANSI escapes removed. */
  readonly output: string;
  readonly seconds: number;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal escapes
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

const timings: [string, number][] = [];

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ code: code ?? -1, output: output.replace(ANSI, ""), seconds });
    });
  });
}

describe("cdktf synth / deploy / diff / output / destroy with the real cdktf-cli", () => {
  let emulator: RunningEmulator;
  let project: string;
  let env: NodeJS.ProcessEnv;

  async function cdktf(...args: string[]): Promise<Run> {
    const result = await run(CDKTF, args, project, env);
    timings.push([`cdktf ${args.join(" ").replace(project, "<project>")}`, result.seconds]);
    if (result.code !== 0) throw new Error(`cdktf ${args.join(" ")} exited ${result.code}:\n${result.output}`);
    return result;
  }

  beforeAll(async () => {
    for (const file of [bundledProviderPath(), APP, ONBOARD]) {
      if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before this test.`);
    }
    if (!existsSync(CDKTF)) throw new Error(`${CDKTF} is missing: cdktf-cli is a dev dependency (npm ci)${process.env.CVP_CDKTF_CLI ? "; or fix CVP_CDKTF_CLI" : ""}.`);
    emulator = await startEmulator({ adminKey: ADMIN_KEY, port: 0 });

    // A project folder as `cdktf init` would leave it, whose app is this package's.
    project = testDir("cdktf-cli-e2e-");
    writeFileSync(
      join(project, "cdktf.json"),
      JSON.stringify({ language: "typescript", app: `node ${APP}`, projectId: "cdktf-cli-e2e", sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} }, null, 2),
    );
    const teams = JSON.parse(readFileSync(join(ROOT, "stacks", "teams.example.json"), "utf8"));
    delete teams.$schema;
    teams.portkey = { ...teams.portkey, base_url: emulator.adminUrl, gateway_url: emulator.url };
    writeFileSync(join(project, "teams.json"), JSON.stringify(teams, null, 2));

    const home = join(project, "home");
    mkdirSync(home);
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TF_") && !name.startsWith("CDKTF_")));
    env = {
      ...inherited,
      HOME: home,
      CHECKPOINT_DISABLE: "1",
      DISABLE_VERSION_CHECK: "true",
      CI: "1",
      TEAMS_FILE: "teams.json",
      CVP_GCP: "off",
      PORTKEY_API_KEY: ADMIN_KEY,
      TF_VAR_vertex_service_account_json: JSON.stringify(FAKE_SERVICE_ACCOUNT),
      TF_VAR_vertex_service_account_json_version: "2026-01",
    };
  });

  afterAll(async () => {
    await emulator?.close();
    if (project) removeTestDir(project);
    if (timings.length > 0) console.log(`cdktf-cli wall times:\n${timings.map(([what, s]) => `  ${s.toFixed(1).padStart(5)} s  ${what}`).join("\n")}`);
  });

  it("cdktf synth writes every stack, and the provider mirror and lock entry into the portkeyadmin stacks", async () => {
    const { output } = await cdktf("synth");
    expect(output).toMatch(/Generated Terraform code for the stacks: platform, platform-gcp,\s+team-data-science, team-mobile, team-payments/);
    for (const stack of ["platform", STACK]) {
      const lock = readFileSync(join(project, "cdktf.out", "stacks", stack, LOCK_FILE), "utf8");
      expect(lock).toContain(`provider "${PROVIDER_SOURCE}"`);
      expect(lock).toMatch(/"h1:[A-Za-z0-9+/]+=*"/);
    }
    // The state lives beside cdktf.out through a relative path: nothing machine-specific in cdk.tf.json.
    expect(readFileSync(join(project, "cdktf.out", "stacks", STACK, "cdk.tf.json"), "utf8")).not.toContain(project);
  });

  it("cdktf deploy platform --auto-approve installs the provider offline and creates the integrations", async () => {
    const { output } = await cdktf("deploy", "platform", "--auto-approve");
    expect(output).toContain(`Installing ${PROVIDER_SOURCE}`);
    expect(output).not.toContain("providers lock");
    expect(output).toMatch(/Apply complete! Resources: 6 added, 0 changed, 0 destroyed/);
    expect(emulator.counts()).toMatchObject({ integrations: 3, workspaces: 0 });
    expect(existsSync(join(project, "terraform.platform.tfstate"))).toBe(true);
  });

  it(`cdktf deploy ${STACK} --auto-approve creates the team`, async () => {
    const { output } = await cdktf("deploy", STACK, "--auto-approve");
    expect(output).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    expect(emulator.counts()).toMatchObject({ workspaces: 1, apiKeys: 1, usageLimitsPolicies: 1 });
    expect(existsSync(join(project, `terraform.${STACK}.tfstate`))).toBe(true);
  });

  it(`cdktf diff ${STACK} finds nothing to change right after the deploy`, async () => {
    const { output } = await cdktf("diff", STACK);
    expect(output).toContain("No changes. Your infrastructure matches the configuration.");
  });

  it(`cdktf output ${STACK} writes the sensitive settings, which onboard accepts`, async () => {
    const outputsFile = join(project, "outputs.json");
    await cdktf("output", STACK, "--outputs-file", outputsFile, "--outputs-file-include-sensitive-outputs");
    const outputs = JSON.parse(readFileSync(outputsFile, "utf8")) as Record<string, Record<string, unknown>>;
    expect(Object.keys(outputs)).toEqual([STACK]);
    expect(Object.keys(outputs[STACK]).sort()).toEqual([`managed_settings_${KEY}`, `settings_${KEY}`, "summary"]);
    const settings = JSON.parse(String(outputs[STACK][`settings_${KEY}`])) as { env: Record<string, string>; model: string };
    expect(settings.env).toMatchObject({ ANTHROPIC_BASE_URL: emulator.url, ANTHROPIC_CUSTOM_HEADERS: `x-portkey-provider: @${TEAM}-vertex` });
    expect(settings.env.ANTHROPIC_AUTH_TOKEN).toMatch(/^pk-/);
    expect(settings.model).toBe("opus");

    const home = join(project, "developer");
    const onboard = await run(process.execPath, [ONBOARD, "onboard", outputsFile, "--home", home, "--output", `${STACK}.settings_${KEY}`], project, env);
    timings.push([`claude-vertex-portkey onboard <outputs.json> --output ${STACK}.settings_${KEY}`, onboard.seconds]);
    if (onboard.code !== 0) throw new Error(`onboard exited ${onboard.code}:\n${onboard.output}`);
    const written = join(home, ".claude", "settings.json");
    expect(JSON.parse(readFileSync(written, "utf8"))).toMatchObject({ env: settings.env, model: "opus" });
    expect(statSync(written).mode & 0o777).toBe(0o600);
    expect(onboard.output).not.toContain(settings.env.ANTHROPIC_AUTH_TOKEN);
    // cdktf writes the outputs file with the default umask; onboard says so, and we follow its fix.
    if ((statSync(outputsFile).mode & 0o077) !== 0) expect(onboard.output).toContain(`chmod 600 ${outputsFile}`);
    chmodSync(outputsFile, 0o600);
  });

  it(`cdktf destroy ${STACK} --auto-approve removes the team and leaves the platform`, async () => {
    const { output } = await cdktf("destroy", STACK, "--auto-approve");
    expect(output).toMatch(/Destroy complete! Resources: \d+ destroyed/);
    expect(emulator.counts()).toMatchObject({ workspaces: 0, apiKeys: 0, integrations: 3 });
  });
});
