/**
 * Installing the provider the way a user's project does, with no registry and no dev_overrides:
 * an implied local mirror in the working directory, an offline `terraform init` that records the
 * provider in the lock file, then plan and apply. And the schema terraform reports for the
 * installed provider is exactly what `terraform-provider-portkeyadmin --print-schema` prints
 * (the input of binding generation).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundledProviderPath, PROVIDER_SOURCE, providerVersion, terraformPlatform, writeImpliedMirror } from "../../src/provider/install";
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(120_000);

describe("the provider from an implied local mirror, with an offline terraform init", () => {
  let tf: TerraformWorkspace;
  /** An empty CLI config: no provider_installation block, so terraform uses the implied mirror. */
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
    const emptyConfig = join(tf.dir, "empty.tfrc");
    writeFileSync(emptyConfig, "");
    env = { TF_CLI_CONFIG_FILE: emptyConfig };
    tf.configure(`resource "portkeyadmin_workspace" "mirrored" {\n  name = "mirrored-team"\n}\n`);
    writeImpliedMirror(tf.dir);
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("installs with terraform init, offline, and records the provider in the lock file", async () => {
    const output = await tf.expect(["init", "-input=false"], 0, env);
    expect(output).toContain(`Installing ${PROVIDER_SOURCE} v${providerVersion()}`);
    expect(output).toContain("Terraform has been successfully initialized!");
    expect(output).not.toContain("development overrides");

    const lock = readFileSync(join(tf.dir, ".terraform.lock.hcl"), "utf8");
    expect(lock).toContain(`provider "${PROVIDER_SOURCE}"`);
    expect(lock).toContain(`version = "${providerVersion()}"`);
    expect(lock).toMatch(/"h1:[A-Za-z0-9+/=]{44}"/);
    const installed = join(tf.dir, ".terraform/providers", PROVIDER_SOURCE, providerVersion(), terraformPlatform());
    expect(existsSync(installed)).toBe(true);
  });

  it("plans and applies with the installed provider", async () => {
    const plan = await tf.run(["plan", "-detailed-exitcode", "-input=false"], env);
    expect(plan.status).toBe(2);
    expect(plan.output).toContain("portkeyadmin_workspace.mirrored will be created");
    expect(await tf.expect(["apply", "-auto-approve", "-input=false"], 0, env)).toContain("Apply complete! Resources: 1 added");
    expect((await tf.run(["plan", "-detailed-exitcode", "-input=false"], env)).status).toBe(0);
  });

  it("reports, through terraform, exactly the schema that --print-schema prints", async () => {
    const fromTerraform = JSON.parse((await tf.expect(["providers", "schema", "-json"], 0, env)).trim()) as unknown;
    const printed = JSON.parse(execFileSync(bundledProviderPath(), ["--print-schema"], { encoding: "utf8" })) as unknown;
    // toEqual prints the difference attribute by attribute when they disagree.
    expect(printed).toEqual(fromTerraform);
    expect(JSON.stringify(fromTerraform)).toContain('"portkeyadmin_workspace"');
  });
});
