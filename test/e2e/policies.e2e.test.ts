/**
 * portkeyadmin_usage_limits_policy and portkeyadmin_rate_limits_policy with the real terraform:
 * a monthly cost budget per developer (`metadata._user`) in a team's workspace, and a
 * tokens-per-minute cap per API key. Portkey's delete archives a policy.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(180_000);

interface PolicyOptions {
  budget?: number;
  tokensPerMinute?: number;
  groupBy?: string;
}

const config = ({ budget = 50, tokensPerMinute = 20000, groupBy = "metadata._user" }: PolicyOptions = {}) => `
resource "portkeyadmin_workspace" "team" {
  name = "platform"
}
resource "portkeyadmin_usage_limits_policy" "per_developer" {
  name            = "monthly budget per developer"
  workspace_id    = portkeyadmin_workspace.team.id
  conditions      = [{ key = "workspace_id", value = portkeyadmin_workspace.team.id }]
  group_by        = [{ key = "${groupBy}" }]
  type            = "cost"
  credit_limit    = ${budget}
  alert_threshold = 40
  periodic_reset  = "monthly"
}
resource "portkeyadmin_rate_limits_policy" "per_key" {
  name         = "tokens per minute per key"
  workspace_id = portkeyadmin_workspace.team.id
  conditions   = [{ key = "workspace_id", value = portkeyadmin_workspace.team.id }]
  group_by     = [{ key = "api_key" }]
  type         = "tokens"
  unit         = "rpm"
  value        = ${tokensPerMinute}
}
`;

interface PolicyView {
  status?: string;
  credit_limit?: number;
  value?: number;
  group_by?: { key: string }[];
}

describe("usage-limits and rate-limits policies with the real terraform", () => {
  let tf: TerraformWorkspace;
  let budgetId = "";
  let rateId = "";

  const stateIds = () => {
    const state = JSON.parse(readFileSync(join(tf.dir, "terraform.tfstate"), "utf8")) as { resources: { type: string; instances: { attributes: { id: string } }[] }[] };
    const idOf = (type: string) => state.resources.find((r) => r.type === type)?.instances[0]?.attributes.id ?? "";
    return { budget: idOf("portkeyadmin_usage_limits_policy"), rate: idOf("portkeyadmin_rate_limits_policy") };
  };
  const budget = async () => (await tf.admin("GET", `/policies/usage-limits/${budgetId}`)).json as PolicyView;
  const rate = async () => (await tf.admin("GET", `/policies/rate-limits/${rateId}`)).json as PolicyView;

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("creates both policies, and a second plan shows no changes", async () => {
    tf.configure(config());
    expect(await tf.apply()).toContain("Apply complete! Resources: 3 added");
    ({ budget: budgetId, rate: rateId } = stateIds());
    expect(await budget()).toMatchObject({ status: "active", credit_limit: 50, group_by: [{ key: "metadata._user" }] });
    expect(await rate()).toMatchObject({ status: "active", value: 20000, group_by: [{ key: "api_key" }] });
    expect((await tf.plan()).status).toBe(0);
  });

  it("updates the budget and the rate in place", async () => {
    tf.configure(config({ budget: 80, tokensPerMinute: 40000 }));
    const plan = await tf.plan();
    expect(plan.output).toContain("0 to add, 2 to change, 0 to destroy");
    await tf.apply();
    expect(await budget()).toMatchObject({ credit_limit: 80 });
    expect(await rate()).toMatchObject({ value: 40000 });
    expect(stateIds()).toEqual({ budget: budgetId, rate: rateId });
  });

  it("plans an update back after an out-of-band edit, and a re-create after an out-of-band delete (archive)", async () => {
    await tf.admin("PUT", `/policies/usage-limits/${budgetId}`, { credit_limit: 999 });
    expect((await tf.admin("DELETE", `/policies/rate-limits/${rateId}`)).status).toBe(200);
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toMatch(/credit_limit\s+= 999 -> 80/);
    expect(plan.output).toContain("portkeyadmin_rate_limits_policy.per_key will be created");
    await tf.apply();
    expect(await budget()).toMatchObject({ credit_limit: 80 });
    rateId = stateIds().rate;
    expect(await rate()).toMatchObject({ status: "active" });
    expect((await tf.plan()).status).toBe(0);
  });

  it("replaces a policy when group_by changes (the API cannot update it), archiving the old one", async () => {
    tf.configure(config({ budget: 80, tokensPerMinute: 40000, groupBy: "api_key" }));
    const plan = await tf.plan();
    expect(plan.output).toContain("portkeyadmin_usage_limits_policy.per_developer must be replaced");
    expect(plan.output).toContain("# forces replacement");
    await tf.apply();
    const replaced = stateIds().budget;
    expect(replaced).not.toBe(budgetId);
    expect(await budget()).toMatchObject({ status: "archived" });
    budgetId = replaced;
  });

  it("imports both policies by id with a clean plan", async () => {
    await tf.expect(["state", "rm", "portkeyadmin_usage_limits_policy.per_developer", "portkeyadmin_rate_limits_policy.per_key"]);
    await tf.expect(["import", "-input=false", "portkeyadmin_usage_limits_policy.per_developer", budgetId]);
    await tf.expect(["import", "-input=false", "portkeyadmin_rate_limits_policy.per_key", rateId]);
    expect((await tf.plan()).status).toBe(0);
  });

  it("names the attribute and the fix for a bad group_by key, before any API call", async () => {
    tf.configure(`resource "portkeyadmin_rate_limits_policy" "bad" {
  conditions = [{ key = "workspace_id", value = "ws-x" }]
  group_by   = [{ key = "user" }]
  type       = "requests"
  unit       = "rpm"
  value      = 10
}
`);
    const before = tf.emulator.requests().length;
    const result = await tf.run(["plan", "-input=false"]);
    expect(result.status).toBe(1);
    expect(result.output).toContain('key "user" is not a policy key');
    expect(result.output).toContain("group_by[0].key");
    expect(tf.emulator.requests().length).toBe(before);
  });

  it("destroy deletes (archives) both policies before their workspace", async () => {
    tf.configure(config({ budget: 80, tokensPerMinute: 40000, groupBy: "api_key" }));
    const before = tf.emulator.requests().length;
    expect(await tf.expect(["destroy", "-auto-approve", "-input=false"])).toContain("Destroy complete! Resources: 3 destroyed");
    const deletes = tf.emulator
      .requests()
      .slice(before)
      .filter((r) => r.method === "DELETE")
      .map((r) => `${r.status} ${r.path.replace(/^\/v1/, "")}`);
    expect(deletes).toEqual(expect.arrayContaining([`200 /policies/usage-limits/${budgetId}`, `200 /policies/rate-limits/${rateId}`]));
    // The workspace goes last (force_delete), and with it everything archived inside.
    expect(deletes.at(-1)).toMatch(/^200 \/admin\/workspaces\//);
  });
});
