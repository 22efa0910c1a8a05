/**
 * What `cdktf synth` + `cdktf deploy` do with the generated bindings, with the real terraform and
 * no hand-edited CLI config: synthesizing writes the provider mirror next to cdk.tf.json, and
 * `terraform init` + `apply` in that folder (HOME empty, no TF_CLI_CONFIG_FILE) create the
 * workspace in an in-process emulator. Needs `npm run build` (the provider bundle).
 */
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { type RunningEmulator, startEmulator } from "../../../src/cli/emulator";
import { runTerraform } from "../../../src/cli/run-terraform";
import { PortkeyadminProvider, PortkeyadminWorkspace } from "../../../src/constructs/l1/portkeyadmin";
import { bundledProviderPath, impliedMirrorPath, PROVIDER_SOURCE, providerVersion } from "../../../src/provider/install";
import { testDir } from "../../support/run-root";

jest.setTimeout(120_000);

const ADMIN_KEY = "pk-admin-l1-7c2e9a41b0";

/** The environment of a user who never configured Terraform: an empty HOME, no CLI config. */
function pristineEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("TF_")) env[name] = value;
  return { ...env, HOME: home, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", PORTKEY_API_KEY: ADMIN_KEY };
}

describe("a synthesized stack with the generated portkeyadmin bindings", () => {
  let emulator: RunningEmulator;
  let stackDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!existsSync(bundledProviderPath())) throw new Error(`The provider bundle ${bundledProviderPath()} is missing: run \`npm run build\` before this test.`);
    emulator = await startEmulator({ adminKey: ADMIN_KEY, port: 0 });
    env = pristineEnv(testDir("l1-home-"));

    const app = new App({ outdir: testDir("l1-cdktf-out-") });
    const stack = new TerraformStack(app, "team-payments");
    new LocalBackend(stack, { path: "terraform.tfstate" });
    new PortkeyadminProvider(stack, "portkey", { baseUrl: emulator.adminUrl });
    const workspace = new PortkeyadminWorkspace(stack, "workspace", {
      name: "payments",
      metadata: { team: "payments", costCenter: "cc-42" },
      rateLimits: [{ type: "requests", unit: "rpm", value: 600 }],
      usageLimits: [{ type: "cost", creditLimit: 500, periodicReset: "monthly" }],
    });
    new TerraformOutput(stack, "slug", { value: workspace.slug });
    app.synth();
    stackDir = join(app.outdir, "stacks", "team-payments");
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it("synthesizes the provider mirror into the stack folder, linked to the synth's shared mirror", () => {
    const launcher = impliedMirrorPath(stackDir);
    expect(readFileSync(launcher, "utf8")).toContain(JSON.stringify(bundledProviderPath()));
    // So the init below installs through the symlink: Terraform must follow it.
    expect(lstatSync(join(stackDir, "terraform.d")).isSymbolicLink()).toBe(true);
    const config = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
    expect(config.terraform.required_providers.portkeyadmin).toEqual({ source: PROVIDER_SOURCE, version: providerVersion() });
  });

  it("lets terraform init install the provider offline, then apply creates the workspace", async () => {
    const init = await runTerraform(stackDir, ["init", "-input=false"], env);
    expect(init.output).toContain(`Installing ${PROVIDER_SOURCE} v${providerVersion()}`);
    expect(init.code).toBe(0);
    expect(readFileSync(join(stackDir, ".terraform.lock.hcl"), "utf8")).toContain(`provider "${PROVIDER_SOURCE}"`);

    const apply = await runTerraform(stackDir, ["apply", "-auto-approve", "-input=false"], env);
    if (apply.code !== 0) throw new Error(`terraform apply failed:\n${apply.output}`);
    expect(apply.output).toContain("Apply complete! Resources: 1 added");

    // The emulator, like Portkey, decorates new workspace names (fact sheet §1.7).
    const [workspace] = emulator.snapshot().workspaces;
    expect(emulator.snapshot().workspaces).toHaveLength(1);
    expect(workspace).toMatchObject({ name: expect.stringContaining("payments"), defaults: { metadata: { team: "payments", costCenter: "cc-42" } } });
    const slug = /slug = "([^"]+)"/.exec(apply.output)?.[1];
    expect(slug).toBe((workspace as { slug: string }).slug);
  });
});
