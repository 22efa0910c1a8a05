/**
 * The cdktf CLI as a cdktf user runs it (issue #7): the real `cdktf` from node_modules/.bin, in a
 * fresh project folder whose cdktf.json runs this package's app, against the in-process emulator:
 *   cdktf synth → cdktf deploy platform → cdktf deploy team-<x> → cdktf diff team-<x> (no changes)
 *   → cdktf output team-<x> --outputs-file … --outputs-file-include-sensitive-outputs
 *   → claude-vertex-portkey onboard <that file> → cdktf destroy team-<x>.
 *
 * No network and no CLI config (support/cdktf-project.ts): terraform finds the provider only
 * through what synthesis writes into each stack folder (the implied mirror and the lock entry,
 * src/constructs/l1/provider-installation.ts).
 *
 * The team is data-science: its stack needs only portkeyadmin (payments would too; mobile is
 * api-key-helper and needs hashicorp/google, which cannot be downloaded here). Key rotation
 * (`keys[].rotation_days`, hashicorp/time) is covered at synthesis level and by the provider's
 * own rotation e2e (api-key.e2e.test.ts). Needs `npm run build`. Each command's wall time is
 * printed at the end.
 */
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "../../src/cli/emulator";
import { LOCK_FILE, PROVIDER_SOURCE } from "../../src/provider/install";
import { removeTestDir } from "../support/run-root";
import { CDKTF, checkPrerequisites, createCdktfProject, ONBOARD, type Run, run } from "./support/cdktf-project";

jest.setTimeout(240_000);

const ADMIN_KEY = "pk-admin-cdktf-cli-e2e-41c9d0";
const TEAM = "data-science";
const STACK = `team-${TEAM}`;
const KEY = "claude-code";

const timings: [string, number][] = [];

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
    checkPrerequisites();
    emulator = await startEmulator({ adminKey: ADMIN_KEY, port: 0 });
    ({ dir: project, env } = createCdktfProject("cdktf-cli-e2e-", emulator, ADMIN_KEY));
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
