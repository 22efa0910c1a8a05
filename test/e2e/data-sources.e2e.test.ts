/**
 * data "portkeyadmin_integration" and data "portkeyadmin_provider" with the real terraform and
 * the emulator: adopting a setup made in the dashboard, and a clear error for a wrong slug.
 */
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(60_000);

interface WorkspaceView {
  id: string;
  slug: string;
}

describe("data sources with the real terraform", () => {
  let tf: TerraformWorkspace;
  let payments: WorkspaceView;

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
    // Made by hand in the dashboard: an org integration granted to the payments workspace,
    // which gives the workspace a provider named after the integration.
    payments = (await tf.admin("POST", "/admin/workspaces", { name: "payments" })).json as WorkspaceView;
    await tf.admin("POST", "/integrations", {
      name: "Vertex prod",
      ai_provider_id: "vertex-ai",
      slug: "vertex-prod",
      description: "made by hand",
      configurations: { vertex_auth_type: "serviceAccount", vertex_region: "us-east5", vertex_project_id: "demo-project", vertex_service_account_json: FAKE_SERVICE_ACCOUNT },
    });
    await tf.admin("PUT", "/integrations/vertex-prod/workspaces", { workspaces: [{ id: payments.id, enabled: true }] });
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("reads an existing integration by slug and its provider by slug and workspace", async () => {
    tf.configure(`
data "portkeyadmin_integration" "vertex" {
  slug = "vertex-prod"
}
data "portkeyadmin_provider" "payments" {
  slug         = data.portkeyadmin_integration.vertex.slug
  workspace_id = "${payments.slug}"
}
output "integration" {
  value = data.portkeyadmin_integration.vertex
}
output "provider" {
  value = data.portkeyadmin_provider.payments
}
`);
    await tf.apply();
    const outputs = JSON.parse(await tf.expect(["output", "-json"])) as Record<string, { value: Record<string, unknown> }>;
    expect(outputs.integration?.value).toMatchObject({
      slug: "vertex-prod",
      name: "Vertex prod",
      description: "made by hand",
      ai_provider_id: "vertex-ai",
      type: "organisation",
      workspace_id: null,
      vertex_region: "us-east5",
      vertex_project_id: "demo-project",
      auth_type: "serviceAccount",
      status: "active",
      allow_all_models: true,
    });
    expect(outputs.integration?.value.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(outputs.provider?.value).toMatchObject({ slug: "vertex-prod", name: "Vertex prod", integration_id: "vertex-prod", ai_provider_id: "vertex-ai", status: "active" });
    expect(JSON.stringify(outputs)).not.toContain(FAKE_KEY_MATERIAL);
  });

  it("fails with an error naming the slug when nothing has it", async () => {
    tf.configure(`
data "portkeyadmin_integration" "missing" {
  slug = "vertex-typo"
}
data "portkeyadmin_provider" "missing" {
  slug         = "nobody"
  workspace_id = "${payments.id}"
}
`);
    const result = await tf.run(["plan", "-input=false"]);
    expect(result.status).toBe(1);
    expect(result.output).toContain("Integration not found");
    expect(result.output).toContain('No integration with slug "vertex-typo"');
    expect(result.output).toContain("Provider not found");
    expect(result.output).toMatch(new RegExp(`No provider with slug "nobody" in workspace\\s+"${payments.id}"`));
    expect(result.output).toMatch(/on main\.tf line \d+, in data "portkeyadmin_integration" "missing"/);
  });
});
