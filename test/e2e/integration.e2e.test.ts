/**
 * portkeyadmin_integration with the real terraform, the bundled provider and the emulator: a
 * Vertex integration whose service-account key is write-only, rotated by bumping
 * service_account_json_version, and never found in plans, state or diagnostics.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(120_000);

const ROTATED_EMAIL = "portkey-rotated@demo-project.iam.gserviceaccount.com";

interface Settings {
  slug?: string;
  description?: string;
  version?: string;
}

const vertex = ({ slug = "vertex-prod", description = "Claude on Vertex", version = "1" }: Settings = {}) => `
resource "portkeyadmin_workspace" "team" {
  name = "payments"
}

resource "portkeyadmin_integration" "vertex" {
  slug                         = "${slug}"
  name                         = "Vertex prod"
  description                  = "${description}"
  vertex_region                = "us-east5"
  service_account_json         = file("key.json")
  service_account_json_version = "${version}"
}

resource "portkeyadmin_integration" "team_only" {
  slug                 = "vertex-payments"
  name                 = "Vertex for payments"
  workspace_id         = portkeyadmin_workspace.team.id
  vertex_region        = "europe-west1"
  vertex_project_id    = "payments-project"
  service_account_json = file("key.json")
}
`;

interface IntegrationView {
  slug: string;
  description: string | null;
  type: string;
  workspace_id: string | null;
  configurations: { vertex_region?: string; vertex_project_id?: string; masked_vertex_service_account_json?: { client_email?: string } };
}

describe("portkeyadmin_integration with the real terraform", () => {
  let tf: TerraformWorkspace;
  const get = async (slug: string) => tf.admin("GET", `/integrations/${slug}`);
  const integration = async (slug: string) => (await get(slug)).json as IntegrationView;
  const writeKey = (clientEmail: string) => writeFileSync(join(tf.dir, "key.json"), JSON.stringify({ ...FAKE_SERVICE_ACCOUNT, client_email: clientEmail }, null, 2));
  const state = () => readFileSync(join(tf.dir, "terraform.tfstate"), "utf8");

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
    writeKey(FAKE_SERVICE_ACCOUNT.client_email);
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("creates an org-scoped and a workspace-scoped integration; a changed key file alone plans nothing", async () => {
    tf.configure(vertex());
    expect(await tf.apply()).toContain("Apply complete! Resources: 3 added");
    const org = await integration("vertex-prod");
    expect(org).toMatchObject({ type: "organisation", workspace_id: null, description: "Claude on Vertex", configurations: { vertex_region: "us-east5" } });
    expect(org.configurations.masked_vertex_service_account_json?.client_email).toBe(FAKE_SERVICE_ACCOUNT.client_email);
    const team = await integration("vertex-payments");
    expect(team).toMatchObject({ type: "workspace", configurations: { vertex_region: "europe-west1", vertex_project_id: "payments-project" } });
    writeKey(ROTATED_EMAIL);
    expect((await tf.plan()).status).toBe(0); // no perpetual diff, and a write-only value is invisible to the plan
  });

  it("re-sends the key when service_account_json_version changes, in place, keeping it out of plan, state and the TF_LOG=trace log", async () => {
    tf.configure(vertex({ version: "2", description: "Claude on Vertex, rotated" }));
    const plan = await tf.expect(["plan", "-input=false", "-out=rotate.tfplan"]);
    expect(plan).toContain("0 to add, 1 to change, 0 to destroy");
    const planJson = await tf.expect(["show", "-json", "rotate.tfplan"]);
    const traced = await tf.expect(["apply", "-input=false", "rotate.tfplan"], 0, { TF_LOG: "trace" });
    expect(traced).toContain("0 added, 1 changed, 0 destroyed");
    expect(traced).toContain("provider.terraform-provider-portkeyadmin");
    for (const text of [plan, planJson, traced, state()]) {
      expect(text).not.toContain(FAKE_KEY_MATERIAL);
      expect(text).not.toContain(FAKE_SERVICE_ACCOUNT.private_key_id);
    }
    const org = await integration("vertex-prod");
    expect(org.description).toBe("Claude on Vertex, rotated");
    expect(org.configurations.masked_vertex_service_account_json?.client_email).toBe(ROTATED_EMAIL);
    // Its version did not change: the workspace-scoped integration still has the first key.
    expect((await integration("vertex-payments")).configurations.masked_vertex_service_account_json?.client_email).toBe(FAKE_SERVICE_ACCOUNT.client_email);
    expect((await tf.plan()).status).toBe(0);
  });

  it("plans an update for an out-of-band edit and a re-create for an out-of-band delete", async () => {
    await tf.admin("PUT", "/integrations/vertex-prod", { description: "edited in the dashboard" });
    expect((await tf.admin("DELETE", "/integrations/vertex-payments")).status).toBe(200);
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toMatch(/"edited in the dashboard" -> "Claude on Vertex, rotated"/);
    expect(plan.output).toContain("portkeyadmin_integration.team_only will be created");
  });

  it("replaces the integration when its slug changes", async () => {
    tf.configure(vertex({ slug: "vertex-main", version: "2", description: "Claude on Vertex, rotated" }));
    const output = await tf.apply();
    expect(output).toContain("2 added, 0 changed, 1 destroyed"); // the replacement, and the re-created team_only
    expect((await get("vertex-prod")).status).toBe(404);
    expect((await integration("vertex-main")).configurations.masked_vertex_service_account_json?.client_email).toBe(ROTATED_EMAIL);
    expect((await get("vertex-payments")).status).toBe(200);
  });

  it("imports by slug with terraform import, with no changes afterwards", async () => {
    await tf.expect(["state", "rm", "portkeyadmin_integration.team_only"]);
    expect(await tf.expect(["import", "-input=false", "portkeyadmin_integration.team_only", "vertex-payments"])).toContain("Import successful!");
    expect((await tf.plan()).status).toBe(0);
  });

  it("rejects a key file of the wrong kind before any API call, naming the attribute and not echoing the key", async () => {
    tf.configure(`resource "portkeyadmin_integration" "bad" {
  slug                 = "bad"
  name                 = "bad"
  vertex_region        = "us-east5"
  service_account_json = file("user-credentials.json")
}
resource "portkeyadmin_integration" "no_key" {
  slug          = "no-key"
  name          = "no key"
  vertex_region = "US East"
}
`);
    writeFileSync(join(tf.dir, "user-credentials.json"), JSON.stringify({ type: "authorized_user", private_key: FAKE_KEY_MATERIAL }));
    const before = tf.emulator.requests().length;
    const result = await tf.run(["plan", "-input=false"]);
    expect(result.status).toBe(1);
    expect(result.output).toContain('service_account_json must have "type": "service_account"');
    expect(result.output).toContain('service_account_json is missing "client_email"');
    expect(result.output).toContain("Missing service_account_json");
    expect(result.output).toContain("vertex_region must be a Vertex AI location");
    expect(result.output).not.toContain(FAKE_KEY_MATERIAL);
    expect(tf.emulator.requests().length).toBe(before);
  });

  it("destroys the integrations it manages", async () => {
    tf.configure(vertex({ slug: "vertex-main", version: "2", description: "Claude on Vertex, rotated" }));
    expect(await tf.expect(["destroy", "-auto-approve", "-input=false"])).toContain("Destroy complete! Resources: 3 destroyed");
    expect((await get("vertex-main")).status).toBe(404);
    expect((await get("vertex-payments")).status).toBe(404);
  });
});
