/**
 * The model list taken from Portkey, end to end with the real terraform and the emulator: a
 * teams file with `models_catalogue.from_portkey` and a model the built-in catalogue does not
 * know (`claude-opus-6`, accepted at synth with a warning, no allow_unknown_models). The
 * platform stack puts it on the integration's allow-list; the team's plan reads Portkey's list
 * and passes. When Portkey stops serving one of the team's models (here: disabled on the
 * integration out of band), the team's plan fails naming the model and the fix, although the
 * built-in catalogue calls that model current: the live list wins. Needs `npm run build`.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KEY_VARIABLE, KEY_VERSION_VARIABLE, PLATFORM_STACK, synthesizeApp } from "../../stacks/app";
import { type RunningEmulator, startEmulator } from "../../src/cli/emulator";
import { stackDir } from "../../src/cli/demo/stack-files";
import { runTerraform } from "../../src/cli/run-terraform";
import { bundledProviderPath } from "../../src/provider/install";
import { FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { emulatorLogger, recordRun } from "./support/terraform";
import { testDir } from "../support/run-root";

jest.setTimeout(180_000);

const ADMIN_KEY = "pk-admin-models-e2e-3c9a1f";
const TEAM = "team-payments";

describe("a team's models checked against Portkey's list at plan time", () => {
  let emulator: RunningEmulator;
  let dir: string;
  let outdir: string;
  let env: NodeJS.ProcessEnv;
  let warnings: readonly string[];

  async function terraform(stack: string, args: string[]): Promise<{ code: number; output: string }> {
    const result = await runTerraform(stackDir(outdir, stack), args, env);
    recordRun(dir, [stack, ...args], result.code, result.output);
    return result;
  }

  async function expectOk(stack: string, args: string[]): Promise<string> {
    const result = await terraform(stack, args);
    if (result.code !== 0) throw new Error(`terraform ${args.join(" ")} (${stack}) exited ${result.code}:\n${result.output}`);
    return result.output;
  }

  async function admin(method: string, path: string, body: unknown): Promise<void> {
    const response = await fetch(`${emulator.adminUrl}${path}`, { method, headers: { "x-portkey-api-key": ADMIN_KEY, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
  }

  beforeAll(async () => {
    if (!existsSync(bundledProviderPath())) throw new Error(`The provider bundle ${bundledProviderPath()} is missing: run \`npm run build\` before this test.`);
    dir = testDir("models-e2e-");
    emulator = await startEmulator({ adminKey: ADMIN_KEY, port: 0, logger: emulatorLogger(join(dir, "emulator.log")) });
    const teamsFile = join(dir, "teams.json");
    writeFileSync(
      teamsFile,
      JSON.stringify({
        gcp: { project_id: "acme-claude-prod", region: "global" },
        portkey: { base_url: emulator.adminUrl },
        models_catalogue: { from_portkey: true },
        teams: [{ name: "payments", models: { opus: "claude-opus-6", default: "opus" } }],
      }),
    );
    outdir = join(dir, "cdktf.out");
    ({ config: { warnings } } = synthesizeApp({ teamsFile, gcp: "off", outdir }));
    const cliConfig = join(dir, "terraformrc"); // empty: the provider mirror synthesis wrote is used
    writeFileSync(cliConfig, "");
    env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: cliConfig, PORTKEY_API_KEY: ADMIN_KEY, [`TF_VAR_${KEY_VARIABLE}`]: JSON.stringify(FAKE_SERVICE_ACCOUNT), [`TF_VAR_${KEY_VERSION_VARIABLE}`]: "1" };
    await expectOk(PLATFORM_STACK, ["init", "-input=false"]);
    await expectOk(PLATFORM_STACK, ["apply", "-auto-approve", "-input=false"]);
    await expectOk(TEAM, ["init", "-input=false"]);
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it("accepts at synth a model only Portkey will know, with a warning instead of the escape hatch", () => {
    expect(warnings).toEqual([expect.stringContaining('teams[0].models.opus: "claude-opus-6" is not in the model catalogue')]);
  });

  it("plans the team when the integration serves every one of its models", async () => {
    const plan = await expectOk(TEAM, ["plan", "-input=false"]);
    expect(plan).toContain("data.portkeyadmin_integration_models.team_models_");
    expect(plan).toMatch(/Plan: \d+ to add/);
  });

  it("fails the team's plan for a catalogue model Portkey no longer serves, naming it and the fix", async () => {
    await admin("PUT", "/integrations/vertex-claude/models", { models: [{ slug: "claude-sonnet-5-5", enabled: false }] });
    const result = await terraform(TEAM, ["plan", "-input=false"]);
    expect(result.code).toBe(1);
    expect(result.output).toContain("Model claude-sonnet-5-5 is not enabled on integration vertex-claude");
    expect(result.output).toContain("cdktf deploy platform");
    expect(result.output).not.toContain("Model claude-opus-6");
  });

  it("plans again once the platform stack has put the allow-list back", async () => {
    await expectOk(PLATFORM_STACK, ["apply", "-auto-approve", "-input=false"]);
    await expectOk(TEAM, ["plan", "-input=false"]);
  });
});
