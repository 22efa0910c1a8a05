/**
 * portkeyadmin_integration_workspace_access and portkeyadmin_integration_models with the real
 * terraform, the bundled provider and the emulator: granting a Vertex integration to a team's
 * workspace with a budget and a rate limit, and restricting the models it serves.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(120_000);

const SONNET = "claude-sonnet-4-5@20250929";
const HAIKU = "claude-haiku-4-5@20251001";
const OPUS = "claude-opus-4-1@20250805";

interface Setup {
  workspace: string;
  budget: number;
  models: string[];
}

const access = ({ workspace, budget, models }: Setup) => `
resource "portkeyadmin_integration_workspace_access" "team" {
  integration_slug = "vertex-prod"
  workspace_id     = "${workspace}"
  usage_limits     = [{ type = "cost", credit_limit = ${budget}, alert_threshold = 80, periodic_reset = "monthly" }]
  rate_limits      = [{ type = "requests", unit = "rpm", value = 60 }]
}

resource "portkeyadmin_integration_models" "vertex" {
  integration_slug = "vertex-prod"
  models           = ${JSON.stringify(models)}
}
`;

interface AccessEntry {
  id: string;
  enabled: boolean;
  usage_limits: { credit_limit: number; alert_threshold?: number; periodic_reset?: string }[] | null;
  rate_limits: { type: string; unit: string; value: number }[] | null;
}
interface ModelsView {
  allow_all_models: boolean;
  models: { slug: string; enabled: boolean }[];
}
interface WorkspaceView {
  id: string;
  slug: string;
}

describe("integration workspace access and model allow-list with the real terraform", () => {
  let tf: TerraformWorkspace;
  let payments: WorkspaceView;
  let platform: WorkspaceView;

  const entry = async (workspace: WorkspaceView) => {
    const { workspaces } = (await tf.admin("GET", "/integrations/vertex-prod/workspaces")).json as { workspaces: AccessEntry[] };
    return workspaces.find((item) => item.id === workspace.slug);
  };
  const models = async () => (await tf.admin("GET", "/integrations/vertex-prod/models")).json as ModelsView;
  const enabledModels = async () => (await models()).models.filter((model) => model.enabled).map((model) => model.slug).sort();

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
    payments = (await tf.admin("POST", "/admin/workspaces", { name: "payments" })).json as WorkspaceView;
    platform = (await tf.admin("POST", "/admin/workspaces", { name: "platform" })).json as WorkspaceView;
    const created = await tf.admin("POST", "/integrations", {
      name: "Vertex prod",
      ai_provider_id: "vertex-ai",
      slug: "vertex-prod",
      configurations: { vertex_auth_type: "serviceAccount", vertex_region: "us-east5", vertex_service_account_json: FAKE_SERVICE_ACCOUNT },
    });
    expect(created.status).toBe(200);
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("grants the workspace access with a budget and a rate limit, restricts the models, and plans nothing more", async () => {
    tf.configure(access({ workspace: payments.id, budget: 100, models: [SONNET, HAIKU] }));
    expect(await tf.apply()).toContain("Apply complete! Resources: 2 added");
    expect(await entry(payments)).toMatchObject({
      enabled: true,
      usage_limits: [{ type: "cost", credit_limit: 100, alert_threshold: 80, periodic_reset: "monthly" }],
      rate_limits: [{ type: "requests", unit: "rpm", value: 60 }],
    });
    // Portkey's side effect of a grant: a provider named after the integration.
    expect((await tf.admin("GET", `/providers/vertex-prod?workspace_id=${payments.id}`)).status).toBe(200);
    expect((await models()).allow_all_models).toBe(false);
    expect(await enabledModels()).toEqual([HAIKU, SONNET].sort());
    expect((await tf.plan()).status).toBe(0);
  });

  it("updates the budget and the allow-list in place, disabling models no longer listed", async () => {
    tf.configure(access({ workspace: payments.id, budget: 250, models: [SONNET, OPUS] }));
    expect(await tf.apply()).toContain("0 added, 2 changed, 0 destroyed");
    expect((await entry(payments))?.usage_limits?.[0]?.credit_limit).toBe(250);
    expect(await enabledModels()).toEqual([OPUS, SONNET].sort());
  });

  it("plans a re-grant when access was revoked out of band, and an update when models were opened up", async () => {
    await tf.admin("PUT", "/integrations/vertex-prod/workspaces", { workspaces: [{ id: payments.id, enabled: false }] });
    await tf.admin("PUT", "/integrations/vertex-prod/models", { allow_all_models: true, models: [] });
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    // Exactly these two changes: nothing else drifts after the previous update.
    expect(plan.output).toContain("Plan: 1 to add, 1 to change, 0 to destroy");
    expect(plan.output).toContain("portkeyadmin_integration_workspace_access.team will be created");
    expect(plan.output).toMatch(/allow_all_models\s+= true -> false/);
    await tf.apply();
    expect((await entry(payments))?.enabled).toBe(true);
    expect((await models()).allow_all_models).toBe(false);
  });

  it("replaces the access when the workspace changes: the new one is granted, the old one revoked", async () => {
    tf.configure(access({ workspace: platform.id, budget: 250, models: [SONNET, OPUS] }));
    expect(await tf.apply()).toContain("1 added, 0 changed, 1 destroyed");
    expect((await entry(platform))?.enabled).toBe(true);
    expect((await entry(payments))?.enabled).toBe(false);
  });

  it("imports both with terraform import (`<integration_slug>/<workspace_id>` and the slug), with no changes afterwards", async () => {
    await tf.expect(["state", "rm", "portkeyadmin_integration_workspace_access.team", "portkeyadmin_integration_models.vertex"]);
    await tf.expect(["import", "-input=false", "portkeyadmin_integration_workspace_access.team", `vertex-prod/${platform.id}`]);
    await tf.expect(["import", "-input=false", "portkeyadmin_integration_models.vertex", "vertex-prod"]);
    expect((await tf.plan()).status).toBe(0);
  });

  it("imports access granted with create_default_provider = false with a clean plan: the create-time setting is write-only", async () => {
    const data = (await tf.admin("POST", "/admin/workspaces", { name: "data" })).json as WorkspaceView;
    const base = access({ workspace: platform.id, budget: 250, models: [SONNET, OPUS] });
    tf.configure(`${base}
resource "portkeyadmin_integration_workspace_access" "data" {
  integration_slug        = "vertex-prod"
  workspace_id            = "${data.id}"
  create_default_provider = false
}
`);
    expect(await tf.apply()).toContain("1 added, 0 changed, 0 destroyed");
    expect((await entry(data))?.enabled).toBe(true);
    // It did reach Portkey: no provider was made in the workspace.
    expect((await tf.admin("GET", `/providers/vertex-prod?workspace_id=${data.id}`)).status).toBe(404);
    // Portkey does not report it, so state does not keep it: nothing for an import to miss.
    const inState = () => JSON.parse(readFileSync(join(tf.dir, "terraform.tfstate"), "utf8")) as { resources: { name: string; instances: { attributes: Record<string, unknown> }[] }[] };
    const dataAttributes = () => inState().resources.find((r) => r.name === "data")?.instances[0]?.attributes;
    expect(dataAttributes()?.create_default_provider).toBeNull();

    await tf.expect(["state", "rm", "portkeyadmin_integration_workspace_access.data"]);
    expect(await tf.expect(["import", "-input=false", "portkeyadmin_integration_workspace_access.data", `vertex-prod/${data.id}`])).toContain("Import successful!");
    const plan = await tf.plan();
    expect(plan.output).not.toContain("create_default_provider");
    expect(plan.status).toBe(0);
    expect(dataAttributes()).toMatchObject({ workspace_slug: data.slug, create_default_provider: null });

    tf.configure(base);
    expect(await tf.apply()).toContain("0 added, 0 changed, 1 destroyed");
    expect((await entry(data))?.enabled).toBe(false);
  });

  it("names the attribute and the fix for bad limits, before any API call", async () => {
    tf.configure(`resource "portkeyadmin_integration_workspace_access" "bad" {
  integration_slug = "vertex prod"
  workspace_id     = "${payments.id}"
  usage_limits     = [{ type = "cost", credit_limit = 10 }, { type = "tokens", credit_limit = 1000 }]
  rate_limits      = [{ type = "requests", unit = "rps", value = 1 }]
}
`);
    const before = tf.emulator.requests().length;
    const result = await tf.run(["plan", "-input=false"]);
    expect(result.status).toBe(1);
    expect(result.output).toContain("usage_limits takes at most one entry per workspace");
    expect(result.output).toContain('must be "rpm", "rph" or "rpd"');
    expect(result.output).toContain('integration_slug must contain only letters, digits, "_" and "-"');
    expect(tf.emulator.requests().length).toBe(before);
  });

  it("destroy revokes the access (the workspace's providers are disabled) and allows every model again", async () => {
    tf.configure(access({ workspace: platform.id, budget: 250, models: [SONNET, OPUS] }));
    expect(await tf.expect(["destroy", "-auto-approve", "-input=false"])).toContain("Destroy complete! Resources: 2 destroyed");
    expect((await entry(platform))?.enabled).toBe(false);
    const provider = (await tf.admin("GET", `/providers/vertex-prod?workspace_id=${platform.id}`)).json as { status: string };
    expect(provider.status).not.toBe("active");
    expect((await models()).allow_all_models).toBe(true);
  });
});
