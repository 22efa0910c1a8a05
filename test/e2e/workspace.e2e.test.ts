/**
 * The portkeyadmin_workspace lifecycle with the real terraform, the bundled provider and the
 * emulator: what a platform engineer sees from plan, apply, drift, import and destroy.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ADMIN_KEY, TerraformWorkspace } from "./support/terraform";

jest.setTimeout(120_000);

const team = (description: string) => `
resource "portkeyadmin_workspace" "team" {
  name         = "payments"
  description  = "${description}"
  metadata     = { team = "payments", cost_center = "cc-42" }
  usage_limits = [{ type = "cost", credit_limit = 500, alert_threshold = 400, periodic_reset = "monthly" }]
  rate_limits  = [{ type = "requests", unit = "rpm", value = 600 }]
}
`;

interface WorkspaceView {
  id: string;
  name: string;
  description?: string;
  defaults?: { metadata?: Record<string, string> };
}

describe("portkeyadmin_workspace with the real terraform", () => {
  let tf: TerraformWorkspace;
  let id = "";
  const workspaces = () => tf.emulator.counts();

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("creates the workspace, and a second plan shows no changes", async () => {
    tf.configure(team("Payments team"));
    const output = await tf.apply();
    expect(output).toContain("Apply complete! Resources: 1 added");
    id = /portkeyadmin_workspace\.team: Creation complete after \S+ \[id=([^\]]+)\]/.exec(output)?.[1] ?? "";
    const { json } = await tf.admin("GET", `/admin/workspaces/${id}`);
    expect(json).toMatchObject({ name: expect.stringContaining("payments"), description: "Payments team", defaults: { metadata: { team: "payments", cost_center: "cc-42" } } });
    expect((await tf.plan()).status).toBe(0);
  });

  it("updates in place when the description changes", async () => {
    tf.configure(team("Payments and billing"));
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toContain("1 to change");
    await tf.apply();
    expect(((await tf.admin("GET", `/admin/workspaces/${id}`)).json as WorkspaceView).description).toBe("Payments and billing");
    expect((await tf.plan()).status).toBe(0);
  });

  it("plans an update back when the workspace is changed out of band", async () => {
    await tf.admin("PUT", `/admin/workspaces/${id}`, { description: "edited in the dashboard" });
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toMatch(/"edited in the dashboard" -> "Payments and billing"/);
    await tf.apply();
    expect((await tf.plan()).status).toBe(0);
  });

  it("replaces the workspace on request (-replace), creating the new one and deleting the old", async () => {
    const output = await tf.expect(["apply", "-auto-approve", "-input=false", "-replace=portkeyadmin_workspace.team"]);
    expect(output).toContain("1 added, 0 changed, 1 destroyed");
    const newId = /Creation complete after \S+ \[id=([^\]]+)\]/.exec(output)?.[1] ?? "";
    expect(newId).not.toBe(id);
    expect((await tf.admin("GET", `/admin/workspaces/${id}`)).status).toBe(403);
    id = newId;
  });

  it("plans a re-create when the workspace was deleted out of band (Portkey answers 403 AB03)", async () => {
    const deleted = await tf.admin("DELETE", `/admin/workspaces/${id}`, { name: "payments", force_delete: true });
    expect(deleted.status).toBe(200);
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toContain("portkeyadmin_workspace.team will be created");
    const output = await tf.apply();
    id = /Creation complete after \S+ \[id=([^\]]+)\]/.exec(output)?.[1] ?? "";
  });

  it("imports an existing workspace with terraform import, with no changes afterwards", async () => {
    await tf.expect(["state", "rm", "portkeyadmin_workspace.team"]);
    const output = await tf.expect(["import", "-input=false", "portkeyadmin_workspace.team", id]);
    expect(output).toContain("Import successful!");
    expect((await tf.plan()).status).toBe(0);
  });

  it("generates configuration for an import block with -generate-config-out", async () => {
    const created = await tf.admin("POST", "/admin/workspaces", { name: "adopted-team", description: "made by hand" });
    const adoptedId = (created.json as WorkspaceView).id;
    tf.configure(`${team("Payments and billing")}
import {
  to = portkeyadmin_workspace.adopted
  id = "${adoptedId}"
}
`);
    await tf.expect(["plan", "-input=false", "-generate-config-out=generated.tf"]);
    const generated = readFileSync(join(tf.dir, "generated.tf"), "utf8");
    expect(generated).toContain('resource "portkeyadmin_workspace" "adopted"');
    expect(generated).toContain('name         = "adopted-team"');
    expect(await tf.apply()).toContain("1 imported");
    expect((await tf.plan()).status).toBe(0);
  });

  it("names the attribute and the fix for a bad value, before any API call", async () => {
    tf.configure(`resource "portkeyadmin_workspace" "bad" {
  name         = "bad"
  usage_limits = [{ type = "dollars", credit_limit = 10 }]
}
`);
    const before = tf.emulator.requests().length;
    const result = await tf.run(["plan", "-input=false"]);
    expect(result.status).toBe(1);
    expect(result.output).toContain('must be "cost" or "tokens"');
    expect(result.output).toMatch(/usage_limits/);
    expect(tf.emulator.requests().length).toBe(before);
  });

  it("keeps the admin key out of plan output and the TF_LOG=trace log", async () => {
    tf.configure(team("Payments and billing"));
    const traced = await tf.run(["plan", "-input=false"], { TF_LOG: "trace" });
    expect(traced.output).toContain("provider.terraform-provider-portkeyadmin");
    expect(traced.output).not.toContain(ADMIN_KEY);
  });

  it("destroys everything it manages", async () => {
    tf.configure(team("Payments and billing"));
    await tf.apply();
    const before = workspaces().workspaces;
    expect(await tf.expect(["destroy", "-auto-approve", "-input=false"])).toContain("Destroy complete! Resources: 2 destroyed");
    expect(workspaces().workspaces).toBe(before - 2);
  });
});
