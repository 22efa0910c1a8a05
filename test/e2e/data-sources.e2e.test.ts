/**
 * data "portkeyadmin_integration", "portkeyadmin_integration_models" and "portkeyadmin_provider"
 * with the real terraform and the emulator: adopting a setup made in the dashboard, checking
 * models against Portkey's list at plan time, and a clear error for a wrong slug or model.
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

  describe("data portkeyadmin_integration_models", () => {
    beforeAll(async () => {
      // What Portkey lists for the integration: two models on the allow-list, one listed but not enabled.
      await tf.admin("PUT", "/integrations/vertex-prod/models", {
        allow_all_models: false,
        models: [
          { slug: "claude-opus-5-5", enabled: true },
          { slug: "claude-sonnet-5-5", enabled: true },
          { slug: "claude-haiku-5-5", enabled: false },
        ],
      });
    });

    it("reads the list, and passes a plan whose required models the integration serves", async () => {
      tf.configure(`
data "portkeyadmin_integration_models" "vertex" {
  integration_slug = "vertex-prod"
  require_models   = ["claude-opus-5-5", "claude-sonnet-5-5"]
}
output "models" {
  value = data.portkeyadmin_integration_models.vertex
}
`);
      await tf.apply();
      const outputs = JSON.parse(await tf.expect(["output", "-json"])) as Record<string, { value: Record<string, unknown> }>;
      expect(outputs.models?.value).toMatchObject({
        allow_all_models: false,
        usable_models: ["claude-opus-5-5", "claude-sonnet-5-5"],
        models: [
          { slug: "claude-opus-5-5", enabled: true, is_custom: false },
          { slug: "claude-sonnet-5-5", enabled: true, is_custom: false },
          { slug: "claude-haiku-5-5", enabled: false, is_custom: false },
        ],
      });
    });

    it("fails the plan for a model the integration does not serve, naming each model and the fix", async () => {
      tf.configure(`
data "portkeyadmin_integration_models" "vertex" {
  integration_slug = "vertex-prod"
  require_models   = ["claude-sonet-5-5", "claude-haiku-5-5", "claude-opus-5-5"]
}
`);
      const result = await tf.run(["plan", "-input=false"]);
      expect(result.status).toBe(1);
      expect(result.output).toContain("Model claude-sonet-5-5 is not served by integration vertex-prod");
      expect(result.output).toMatch(/did you mean\s+"claude-sonnet-5-5"\?/);
      expect(result.output).toContain("Model claude-haiku-5-5 is not enabled on integration vertex-prod");
      expect(result.output).not.toContain("Model claude-opus-5-5");
      expect(result.output).toMatch(/on main\.tf line \d+, in data "portkeyadmin_integration_models" "vertex"/);
    });

    it("says so when the integration does not exist", async () => {
      tf.configure(`
data "portkeyadmin_integration_models" "vertex" {
  integration_slug = "vertex-typo"
}
`);
      const result = await tf.run(["plan", "-input=false"]);
      expect(result.status).toBe(1);
      expect(result.output).toContain("Integration not found");
      expect(result.output).toContain('No integration with slug "vertex-typo"');
    });
  });
});
