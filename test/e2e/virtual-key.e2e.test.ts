/**
 * The LEGACY portkeyadmin_virtual_key for Vertex with the real terraform: the service-account
 * key is write-only, so it reaches Portkey but never the plan output or terraform.tfstate.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(180_000);

interface VirtualKeyOptions {
  name?: string;
  region?: string;
  version?: number | null;
}

const config = ({ name = "vertex-legacy", region = "us-east5", version = 1 }: VirtualKeyOptions = {}) => `
resource "portkeyadmin_workspace" "team" {
  name = "legacy-team"
}
resource "portkeyadmin_virtual_key" "vertex" {
  name                 = "${name}"
  workspace_id         = portkeyadmin_workspace.team.id
  vertex_region        = "${region}"
  vertex_project_id    = "demo-project"
  service_account_json = file("\${path.module}/sa-key.json")
  ${version === null ? "" : `service_account_json_version = ${version}`}
  usage_limits         = { type = "cost", credit_limit = 200, periodic_reset = "monthly" }
  rate_limits          = { type = "requests", unit = "rpm", value = 120 }
}
`;

interface VirtualKeyView {
  slug: string;
  name?: string;
  model_config?: Record<string, unknown>;
  usage_limits?: { credit_limit?: number };
}

describe("portkeyadmin_virtual_key (legacy) with the real terraform", () => {
  let tf: TerraformWorkspace;
  let slug = "";

  const stateText = () => readFileSync(join(tf.dir, "terraform.tfstate"), "utf8");
  const stateSlug = () => {
    const state = JSON.parse(stateText()) as { resources: { type: string; instances: { attributes: { slug: string } }[] }[] };
    return state.resources.find((r) => r.type === "portkeyadmin_virtual_key")?.instances[0]?.attributes.slug ?? "";
  };
  const view = async (ref = slug) => (await tf.admin("GET", `/virtual-keys/${ref}`)) as { status: number; json: VirtualKeyView };
  const leaksKey = (text: string) => text.includes(FAKE_KEY_MATERIAL);

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
    writeFileSync(join(tf.dir, "sa-key.json"), JSON.stringify(FAKE_SERVICE_ACCOUNT));
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("creates the virtual key; the service-account key is sent but is in neither the plan nor the state", async () => {
    tf.configure(config());
    const plan = await tf.run(["plan", "-input=false"]);
    expect(leaksKey(plan.output)).toBe(false);
    const output = await tf.apply();
    expect(output).toContain("Apply complete! Resources: 2 added");
    expect(leaksKey(output)).toBe(false);
    expect(leaksKey(stateText())).toBe(false);
    slug = stateSlug();
    const { json } = await view();
    expect(json.model_config).toMatchObject({
      vertexRegion: "us-east5",
      vertexProjectId: "demo-project",
      masked_vertexServiceAccountJson: { client_email: FAKE_SERVICE_ACCOUNT.client_email },
    });
    expect((await tf.plan()).status).toBe(0);
  });

  it("updates the name in place, and plans it back after an out-of-band edit", async () => {
    tf.configure(config({ name: "vertex-legacy-payments" }));
    await tf.apply();
    expect((await view()).json.name).toBe("vertex-legacy-payments");
    expect(stateSlug()).toBe(slug);
    await tf.admin("PUT", `/virtual-keys/${slug}`, { name: "renamed in the dashboard" });
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toContain('"renamed in the dashboard" -> "vertex-legacy-payments"');
    await tf.apply();
    expect((await tf.plan()).status).toBe(0);
  });

  it("re-sends the service-account key by replacement when its version changes, and on a region change", async () => {
    tf.configure(config({ name: "vertex-legacy-payments", version: 2 }));
    const plan = await tf.plan();
    expect(plan.output).toContain("portkeyadmin_virtual_key.vertex must be replaced");
    expect(leaksKey(plan.output)).toBe(false);
    await tf.apply();
    const resent = stateSlug();
    expect(resent).not.toBe(slug);
    expect((await view(resent)).json.model_config).toMatchObject({ masked_vertexServiceAccountJson: { client_email: FAKE_SERVICE_ACCOUNT.client_email } });
    expect((await view()).status).toBe(404);

    tf.configure(config({ name: "vertex-legacy-payments", version: 2, region: "global" }));
    expect(await tf.apply()).toContain("1 added, 0 changed, 1 destroyed");
    slug = stateSlug();
    expect((await view()).json.model_config).toMatchObject({ vertexRegion: "global" });
    expect(leaksKey(stateText())).toBe(false);
  });

  it("plans a re-create when the virtual key was deleted out of band", async () => {
    expect((await tf.admin("DELETE", `/virtual-keys/${slug}`)).status).toBe(200);
    const plan = await tf.plan();
    expect(plan.output).toContain("portkeyadmin_virtual_key.vertex will be created");
    await tf.apply();
    slug = stateSlug();
  });

  it("imports by slug with a clean plan when service_account_json_version is left unset", async () => {
    tf.configure(config({ name: "vertex-legacy-payments", region: "global", version: null }));
    await tf.expect(["state", "rm", "portkeyadmin_virtual_key.vertex"]);
    expect(await tf.expect(["import", "-input=false", "portkeyadmin_virtual_key.vertex", slug])).toContain("Import successful!");
    expect((await tf.plan()).status).toBe(0);
    expect(leaksKey(stateText())).toBe(false);
  });

  it("rejects a file that is not a service-account key, naming the attribute and never echoing it", async () => {
    writeFileSync(join(tf.dir, "user-creds.json"), JSON.stringify({ type: "authorized_user", refresh_token: FAKE_KEY_MATERIAL }));
    tf.configure(`resource "portkeyadmin_virtual_key" "bad" {
  name                 = "bad"
  workspace_id         = "ws-x"
  vertex_region        = "us-east5"
  vertex_project_id    = "demo-project"
  service_account_json = file("\${path.module}/user-creds.json")
}
`);
    const before = tf.emulator.requests().length;
    const result = await tf.run(["plan", "-input=false"]);
    expect(result.status).toBe(1);
    expect(result.output.replace(/\s+/g, " ")).toContain('its "type" field must be "service_account"');
    expect(result.output).toContain("service_account_json");
    expect(leaksKey(result.output)).toBe(false);
    expect(tf.emulator.requests().length).toBe(before);
  });

  it("destroys the virtual key", async () => {
    tf.configure(config({ name: "vertex-legacy-payments", region: "global", version: null }));
    expect(await tf.expect(["destroy", "-auto-approve", "-input=false"])).toContain("Destroy complete! Resources: 2 destroyed");
    expect((await view()).status).toBe(404);
  });
});
