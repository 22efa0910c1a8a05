/**
 * The service-account key in the `platform` stack (CVP_GCP=off, what the demo runs): it reaches
 * terraform only as TF_VAR_vertex_service_account_json, an ephemeral variable feeding the
 * integrations' write-only `service_account_json`. The stack is synthesized from the example
 * teams file and run with the real terraform (init from the synthesized mirror, plan -out,
 * show -json, apply of the saved plan, a key rotation) at TF_LOG=trace; then every artifact is
 * searched for the key: the binary plans (unzipped), their JSON, the state, the trace logs and
 * everything terraform printed, raw, JSON-escaped and base64.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "../../src/cli/emulator";
import { runTerraform } from "../../src/cli/run-terraform";
import { KEY_VARIABLE, KEY_VERSION_VARIABLE, localStatePath, synthesizeApp } from "../../stacks/app";
import { FAKE_KEY_SECRETS, FAKE_ROTATED_SERVICE_ACCOUNT as ROTATED_KEY, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { unzip } from "../support/secret-scan";
import { testDir } from "../support/run-root";
import { findLeaks, type NamedText } from "./support/leak-scan";
import { ADMIN_KEY, emulatorLogger, recordRun } from "./support/terraform";

jest.setTimeout(240_000);

const INTEGRATIONS = 3; // the example's regions in use: global, us-east5, europe-west1

interface Integration {
  slug: string;
  configurations: { masked_vertex_service_account_json?: { client_email?: string } };
}

describe("the platform stack's service-account key (CVP_GCP=off)", () => {
  let emulator: RunningEmulator;
  let root: string;
  let stackDir: string;
  let env: NodeJS.ProcessEnv;
  const outputs: NamedText[] = [];
  const planFiles: string[] = [];
  const planJson: NamedText[] = [];
  let traces = 0;

  const withKey = (key: object, version: string): NodeJS.ProcessEnv => ({ [`TF_VAR_${KEY_VARIABLE}`]: JSON.stringify(key), [`TF_VAR_${KEY_VERSION_VARIABLE}`]: version });

  /** One terraform run in the platform stack at TF_LOG=trace, its output kept for the scan. */
  async function terraform(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
    traces++;
    const run = await runTerraform(stackDir, args, { ...env, TF_LOG: "trace", TF_LOG_PATH: join(stackDir, `trace-${traces}.log`), ...extra });
    recordRun(stackDir, args, run.code, run.output);
    if (args[0] === "show" && args.includes("-json")) planJson.push({ where: `terraform ${args.join(" ")}`, text: run.output });
    else outputs.push({ where: `output of terraform ${args.join(" ")}`, text: run.output });
    return run;
  }

  async function expectOk(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<string> {
    const run = await terraform(args, extra);
    if (run.code !== 0) throw new Error(`terraform ${args.join(" ")} exited ${run.code}:\n${run.output}`);
    return run.output;
  }

  async function planTo(file: string, extra: NodeJS.ProcessEnv): Promise<string> {
    planFiles.push(join(stackDir, file));
    return expectOk(["plan", "-input=false", `-out=${file}`], extra);
  }

  async function integrations(): Promise<Integration[]> {
    const response = await fetch(`${emulator.adminUrl}/integrations`, { headers: { "x-portkey-api-key": ADMIN_KEY } });
    return ((await response.json()) as { data: Integration[] }).data;
  }

  beforeAll(async () => {
    root = testDir("platform-key-");
    emulator = await startEmulator({ adminKey: ADMIN_KEY, port: 0, logger: emulatorLogger(join(root, "emulator.log")) });
    const teams = JSON.parse(readFileSync(join(__dirname, "../../stacks/teams.example.json"), "utf8")) as Record<string, Record<string, unknown>>;
    delete teams.$schema;
    teams.portkey = { ...teams.portkey, base_url: emulator.adminUrl, gateway_url: emulator.url };
    writeFileSync(join(root, "teams.json"), JSON.stringify(teams, null, 2));
    const { outdir } = synthesizeApp({ teamsFile: join(root, "teams.json"), gcp: "off", outdir: join(root, "cdktf.out") });
    stackDir = join(outdir, "stacks", "platform");
    const cliConfig = join(root, "terraformrc"); // empty: no provider_installation, so the synthesized mirror is used
    writeFileSync(cliConfig, "");
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TF_")));
    env = { ...inherited, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: cliConfig, PORTKEY_API_KEY: ADMIN_KEY };
    await expectOk(["init", "-input=false"]);
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it("plans to a file and applies that plan, the key given again at apply (an ephemeral value is not saved)", async () => {
    const plan = await planTo("create.tfplan", withKey(FAKE_SERVICE_ACCOUNT, "2026-01"));
    expect(plan).toContain(`Plan: ${2 * INTEGRATIONS} to add`);
    await expectOk(["show", "-json", "create.tfplan"]);
    expect(await expectOk(["apply", "-input=false", "create.tfplan"], withKey(FAKE_SERVICE_ACCOUNT, "2026-01"))).toContain(`Apply complete! Resources: ${2 * INTEGRATIONS} added`);
    const created = await integrations();
    expect(created).toHaveLength(INTEGRATIONS);
    for (const integration of created) expect(integration.configurations.masked_vertex_service_account_json?.client_email).toBe(FAKE_SERVICE_ACCOUNT.client_email);
  });

  it("refuses to apply a saved plan without the key, naming the variable", async () => {
    await planTo("again.tfplan", withKey(FAKE_SERVICE_ACCOUNT, "2026-01"));
    const { code, output } = await terraform(["apply", "-input=false", "again.tfplan"], { [`TF_VAR_${KEY_VERSION_VARIABLE}`]: "2026-01" });
    expect(code).toBe(1);
    expect(output.replace(/\s+/g, " ")).toContain(`The ephemeral input variable "${KEY_VARIABLE}" was set during the plan phase, and so must also be set during the apply phase.`);
  });

  it("sends the new key when the version changes, and nothing when it does not", async () => {
    const rotate = await planTo("rotate.tfplan", withKey(ROTATED_KEY, "2026-02"));
    expect(rotate).toContain(`Plan: 0 to add, ${INTEGRATIONS} to change, 0 to destroy`);
    expect(rotate).toMatch(/service_account_json_version\s+= "2026-01" -> "2026-02"/);
    await expectOk(["show", "-json", "rotate.tfplan"]);
    await expectOk(["apply", "-input=false", "rotate.tfplan"], withKey(ROTATED_KEY, "2026-02"));
    for (const integration of await integrations()) expect(integration.configurations.masked_vertex_service_account_json?.client_email).toBe(ROTATED_KEY.client_email);

    const { code } = await terraform(["plan", "-input=false", "-detailed-exitcode"], withKey(ROTATED_KEY, "2026-02"));
    expect(code).toBe(0);
  });

  it("rejects an empty version with the variable's own message", async () => {
    const { code, output } = await terraform(["plan", "-input=false"], withKey(ROTATED_KEY, "  "));
    expect(code).toBe(1);
    expect(output.replace(/\s+/g, " ")).toContain(`The ${KEY_VERSION_VARIABLE} variable must not be empty`);
  });

  it("finds neither key in the plan files, their JSON, the state, the trace logs or anything terraform printed", () => {
    const texts: NamedText[] = [...outputs, ...planJson];
    for (const file of planFiles) {
      for (const entry of unzip(readFileSync(file))) texts.push({ where: `${file.slice(root.length + 1)}!${entry.name}`, text: entry.data.toString("latin1") });
    }
    const state = join(stackDir, localStatePath("platform"));
    texts.push({ where: "terraform.platform.tfstate", text: readFileSync(state, "utf8") });
    const logs = readdirSync(stackDir).filter((name) => name.startsWith("trace-"));
    for (const name of logs) texts.push({ where: name, text: readFileSync(join(stackDir, name), "utf8") });

    expect(findLeaks(FAKE_KEY_SECRETS, texts)).toEqual([]);
    // And it looked where the key would be: the plans hold their variables, and the trace logs are long.
    expect(planFiles).toHaveLength(3);
    expect(planJson.map((p) => (JSON.parse(p.text) as { variables: Record<string, { value: unknown }> }).variables[KEY_VERSION_VARIABLE]?.value)).toEqual(["2026-01", "2026-02"]);
    expect(logs.map((name) => readFileSync(join(stackDir, name), "utf8")).join("").length).toBeGreaterThan(1_000_000);
  });

  it("would have caught the key in a plan file: a sensitive (not ephemeral) variable is saved in it", async () => {
    // Deleted at once (not left for the run's own scan, which would rightly flag this plan).
    const dir = testDir("platform-key-sensitive-");
    try {
      await plannedWithSensitiveVariable(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  async function plannedWithSensitiveVariable(dir: string): Promise<void> {
    writeFileSync(
      join(dir, "main.tf"),
      `variable "key" {
  type      = string
  sensitive = true
}
resource "terraform_data" "uses" {
  input = sha256(var.key)
}
`,
    );
    const run = (args: string[]) => runTerraform(dir, args, { ...env, TF_VAR_key: JSON.stringify(FAKE_SERVICE_ACCOUNT) });
    expect((await run(["init", "-input=false"])).code).toBe(0);
    expect((await run(["plan", "-input=false", "-out=sensitive.tfplan"])).code).toBe(0);
    const entries = unzip(readFileSync(join(dir, "sensitive.tfplan"))).map((entry) => ({ where: `sensitive.tfplan!${entry.name}`, text: entry.data.toString("latin1") }));
    expect(findLeaks(FAKE_KEY_SECRETS.slice(0, 1), entries)).toEqual([expect.stringMatching(/^the key's private key body in sensitive\.tfplan!tfplan /)]);
  }
});
