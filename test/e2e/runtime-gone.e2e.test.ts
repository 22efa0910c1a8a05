/**
 * What counts as gone, with the real terraform (docs/provider.md "What counts as gone"): a read
 * answered 403 AB03 or a 404 without Portkey's not-found answer never plans a create on its own.
 * Objects that are live make the plan fail with an error naming both causes (deleted out of band,
 * or the admin key lost a scope) and nothing is re-created; objects really deleted out of band
 * are confirmed by one listing, dropped, and re-created exactly once; a destroy keeps an object
 * whose delete answer could not be confirmed.
 */
import type { FaultProfile } from "../../src/cli/emulator/faults";
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(180_000);

const CONFIGURATION = `
resource "portkeyadmin_workspace" "team" {
  name = "gone-team"
}
resource "portkeyadmin_config" "claude" {
  name         = "claude-code-gone"
  workspace_id = portkeyadmin_workspace.team.id
  strategy     = { mode = "single" }
  targets      = [{ provider = "@vertex-us" }]
}
resource "portkeyadmin_api_key" "claude" {
  name         = "claude-code-gone"
  workspace_id = portkeyadmin_workspace.team.id
}
resource "portkeyadmin_usage_limits_policy" "budget" {
  name         = "gone budget"
  workspace_id = portkeyadmin_workspace.team.id
  conditions   = [{ key = "workspace_id", value = portkeyadmin_workspace.team.id }]
  group_by     = [{ key = "api_key" }]
  type         = "cost"
  credit_limit = 100
}
resource "portkeyadmin_rate_limits_policy" "rpm" {
  name         = "gone rpm"
  workspace_id = portkeyadmin_workspace.team.id
  conditions   = [{ key = "workspace_id", value = portkeyadmin_workspace.team.id }]
  group_by     = [{ key = "api_key" }]
  type         = "requests"
  unit         = "rpm"
  value        = 60
}
`;

const ONE_EACH = { workspaces: 1, configs: 1, apiKeys: 1, usageLimitsPolicies: 1, rateLimitsPolicies: 1 };
type Rule = NonNullable<FaultProfile["rules"]>[number];
const status = (method: string, path: string, code: number): Rule => ({ method, path, fault: { kind: "status", status: code } });

describe("objects answered 403 AB03 or a bare 404, with the real terraform", () => {
  let tf: TerraformWorkspace;
  const state = async () => (await tf.expect(["state", "list"])).trim().split("\n").filter(Boolean).sort();
  let addresses: string[] = [];
  /** The GET path of each object, from the state terraform holds. */
  const paths = () => ({
    workspace: `/v1/admin/workspaces/${tf.attributes("portkeyadmin_workspace").id}`,
    config: `/v1/configs/${tf.attributes("portkeyadmin_config").slug}`,
    apiKey: `/v1/api-keys/${tf.attributes("portkeyadmin_api_key").id}`,
    usage: `/v1/policies/usage-limits/${tf.attributes("portkeyadmin_usage_limits_policy").id}`,
    rate: `/v1/policies/rate-limits/${tf.attributes("portkeyadmin_rate_limits_policy").id}`,
  });

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
    tf.configure(CONFIGURATION);
    await tf.apply();
    addresses = await state();
    expect(addresses).toHaveLength(5);
    expect(tf.emulator.counts()).toMatchObject(ONE_EACH);
  });
  afterEach(() => tf.emulator.setFaults({ rules: [] }));
  afterAll(async () => {
    await tf?.close();
  });

  /** The plan failed, planned no create, and Portkey and the state are as before. */
  async function expectNothingDropped(output: string): Promise<void> {
    expect(output).not.toContain("will be created");
    expect(output).not.toMatch(/has been deleted/);
    tf.emulator.setFaults({ rules: [] });
    expect(await state()).toEqual(addresses);
    expect(tf.emulator.counts()).toMatchObject(ONE_EACH);
    expect(tf.emulator.duplicates()).toEqual([]);
  }

  it("403 AB03 on every read (the admin key lost its scopes): the plan fails naming both causes and the scope, no create planned", async () => {
    tf.emulator.setFaults({ rules: [status("GET", "/v1/**", 403)] });
    const plan = await tf.plan();
    expect(plan.status).toBe(1);
    const output = plan.output.replace(/\s+/g, " ");
    expect(output).toContain("Either the object was deleted out of band, or the admin key lost the scope");
    // terraform stops at the workspace: its dependents are not read.
    expect(output).toContain("lost the scope workspaces.read (or workspaces.list)");
    await expectNothingDropped(plan.output);
  });

  it("403 AB03 on every read and listing of the workspace's objects: each error names that object's scope, no create planned", async () => {
    tf.emulator.setFaults({ rules: ["/v1/configs/**", "/v1/api-keys/**", "/v1/policies/**"].map((path) => status("GET", path, 403)) });
    const plan = await tf.plan();
    expect(plan.status).toBe(1);
    const output = plan.output.replace(/\s+/g, " ");
    for (const scope of ["configs.read (or configs.list)", "workspace_service_api_keys.read (or workspace_service_api_keys.list)", "policies.read (or policies.list)"]) {
      expect(output).toContain(`Either the object was deleted out of band, or the admin key lost the scope ${scope}`);
    }
    await expectNothingDropped(plan.output);
  });

  it("403 AB03 on the objects' reads while the listings still name them: the plan fails (the key lacks the read scope), no create planned", async () => {
    const p = paths();
    tf.emulator.setFaults({ rules: Object.values(p).map((path) => status("GET", path, 403)) });
    const plan = await tf.plan();
    expect(plan.status).toBe(1);
    expect(plan.output.replace(/\s+/g, " ")).toContain("but Portkey still lists it, so it was not deleted");
    await expectNothingDropped(plan.output);
  });

  it("404 on every read without Portkey's not-found answer drops nothing live", async () => {
    tf.emulator.setFaults({ rules: [status("GET", "/v1/**", 404)] });
    const plan = await tf.plan();
    expect(plan.status).toBe(1);
    await expectNothingDropped(plan.output);
  });

  it("a destroy whose delete answers 403 AB03 for live objects fails and keeps them in the state", async () => {
    tf.emulator.setFaults({ rules: [status("DELETE", "/v1/**", 403)] });
    const destroy = await tf.run(["destroy", "-auto-approve", "-input=false"]);
    expect(destroy.status).toBe(1);
    expect(destroy.output.replace(/\s+/g, " ")).toContain("but Portkey still lists it");
    await expectNothingDropped(destroy.output);
  });

  it("objects really deleted out of band and answering 403 AB03 are confirmed gone and re-created exactly once", async () => {
    const p = paths();
    const key = tf.attributes("portkeyadmin_api_key").id as string;
    const slug = tf.attributes("portkeyadmin_config").slug as string;
    expect((await tf.admin("DELETE", `/api-keys/${key}`)).status).toBe(200);
    expect((await tf.admin("DELETE", `/configs/${slug}`)).status).toBe(200);
    // Every read answers 403 AB03, as Portkey does for some deleted objects; listings answer truthfully.
    tf.emulator.setFaults({ rules: Object.values(p).map((path) => status("GET", path, 403)) });
    const plan = await tf.plan();
    expect(plan.status).toBe(1); // the live workspace and policies still stop the plan…
    expect(plan.output).not.toContain("will be created");
    // …so only the deleted ones answer 403 now.
    tf.emulator.setFaults({ rules: [status("GET", p.config, 403), status("GET", p.apiKey, 403)] });
    const second = await tf.plan();
    expect(second.status).toBe(2);
    expect(second.output).toContain("portkeyadmin_config.claude will be created");
    expect(second.output).toContain("portkeyadmin_api_key.claude will be created");
    expect(second.output).toContain("Plan: 2 to add, 0 to change, 0 to destroy.");
    tf.emulator.setFaults({ rules: [] });
    await tf.apply();
    expect(tf.emulator.counts()).toMatchObject(ONE_EACH);
    expect(tf.emulator.duplicates()).toEqual([]);
    expect((await tf.plan()).status).toBe(0);
  });

  it("a workspace deleted out of band (Portkey answers 403 AB03) is dropped by a refresh and re-created; its objects with it", async () => {
    const ws = tf.attributes("portkeyadmin_workspace");
    expect((await tf.admin("DELETE", `/admin/workspaces/${ws.id}`, { name: ws.name, force_delete: true })).status).toBe(200);
    expect((await tf.admin("GET", `/admin/workspaces/${ws.id}`)).status).toBe(403);
    const refresh = await tf.expect(["apply", "-refresh-only", "-auto-approve", "-input=false"]);
    expect(refresh).toContain("portkeyadmin_workspace.team has been deleted");
    expect(await state()).toEqual([]);
    await tf.apply();
    expect(tf.emulator.counts()).toMatchObject(ONE_EACH);
    expect((await tf.plan()).status).toBe(0);
  });

  it("a destroy of objects already deleted out of band succeeds once the listings confirm it", async () => {
    const ws = tf.attributes("portkeyadmin_workspace");
    expect((await tf.admin("DELETE", `/admin/workspaces/${ws.id}`, { name: ws.name, force_delete: true })).status).toBe(200);
    tf.emulator.setFaults({ rules: [status("DELETE", "/v1/**", 403)] });
    // -refresh=false: terraform still believes every object exists and asks the provider to delete each.
    const output = await tf.expect(["destroy", "-auto-approve", "-input=false", "-refresh=false"]);
    expect(output).toContain("Destroy complete! Resources: 5 destroyed.");
    expect(await state()).toEqual([]);
  });
});
