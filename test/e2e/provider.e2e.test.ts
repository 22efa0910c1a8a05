/**
 * The portkeyadmin_provider lifecycle with the real terraform, the bundled provider and the
 * emulator. The integration and its workspace access are made through the Admin API, as a
 * platform team's integration stack would have done.
 */
import { FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(120_000);

const BILLING = "Claude Code for payments and billing";

interface ProviderView {
  id: string;
  slug: string;
  name: string;
  note: string | null;
  integration_id: string;
  usage_limits: { credit_limit: number } | null;
  rate_limits: { value: number }[] | null;
}

describe("portkeyadmin_provider with the real terraform", () => {
  let tf: TerraformWorkspace;
  let workspaceId = "";
  let teamSlug = "payments-vertex";

  const providers = async () => ((await tf.admin("GET", `/providers?workspace_id=${workspaceId}`)).json as { data: ProviderView[] }).data;
  const provider = async (slug: string) => tf.admin("GET", `/providers/${slug}?workspace_id=${workspaceId}`);

  const config = (note: string, slug = teamSlug) => `
resource "portkeyadmin_provider" "adopted" {
  name           = "Vertex (payments)"
  slug           = "vertex-prod"
  workspace_id   = "${workspaceId}"
  integration_id = "vertex-prod"
}

resource "portkeyadmin_provider" "team" {
  name           = "Payments on Vertex"
  slug           = "${slug}"
  workspace_id   = "${workspaceId}"
  integration_id = "vertex-prod"
  note           = "${note}"
  usage_limits   = { type = "cost", credit_limit = 200, alert_threshold = 150, periodic_reset = "monthly" }
  rate_limits    = [{ type = "requests", unit = "rpm", value = 120 }]
  expires_at     = "2030-01-01T00:00:00Z"
}
`;

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
    workspaceId = ((await tf.admin("POST", "/admin/workspaces", { name: "payments" })).json as { id: string }).id;
    const integration = await tf.admin("POST", "/integrations", {
      name: "Vertex prod",
      ai_provider_id: "vertex-ai",
      slug: "vertex-prod",
      configurations: { vertex_auth_type: "serviceAccount", vertex_region: "us-east5", vertex_service_account_json: FAKE_SERVICE_ACCOUNT },
    });
    expect(integration.status).toBe(200);
    // Granting access auto-creates a provider with the integration's slug (fact sheet §3.5).
    const access = await tf.admin("PUT", "/integrations/vertex-prod/workspaces", { workspaces: [{ id: workspaceId, enabled: true }] });
    expect(access.status).toBe(200);
    expect((await providers()).map((p) => p.slug)).toEqual(["vertex-prod"]);
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("adopts the auto-created provider, creates the team one, and a second plan shows no changes", async () => {
    tf.configure(config("Claude Code for payments"));
    const output = await tf.apply();
    expect(output).toContain("Apply complete! Resources: 2 added");
    expect(output).toContain("Adopted the auto-created provider");
    const all = await providers();
    expect(all.map((p) => p.slug).sort()).toEqual(["payments-vertex", "vertex-prod"]);
    expect(all.find((p) => p.slug === "vertex-prod")?.name).toBe("Vertex (payments)");
    expect((await provider(teamSlug)).json).toMatchObject({
      name: "Payments on Vertex",
      integration_id: "vertex-prod",
      usage_limits: { credit_limit: 200, periodic_reset: "monthly" },
      rate_limits: [{ type: "requests", unit: "rpm", value: 120 }],
    });
    expect((await tf.plan()).status).toBe(0);
  });

  it("updates the note and limits in place", async () => {
    tf.configure(config(BILLING).replace("credit_limit = 200", "credit_limit = 300"));
    expect(await tf.apply()).toContain("0 added, 1 changed, 0 destroyed");
    expect((await provider(teamSlug)).json).toMatchObject({ note: BILLING, usage_limits: { credit_limit: 300 } });
    expect((await tf.plan()).status).toBe(0);
  });

  it("plans an update back after an out-of-band change, and a re-create after an out-of-band delete", async () => {
    await tf.admin("PUT", `/providers/${teamSlug}?workspace_id=${workspaceId}`, { note: "edited in the dashboard" });
    const drift = await tf.plan();
    expect(drift.status).toBe(2);
    expect(drift.output).toContain(`"edited in the dashboard" -> "${BILLING}"`);

    expect((await tf.admin("DELETE", `/providers/${teamSlug}?workspace_id=${workspaceId}`)).status).toBe(200);
    const gone = await tf.plan();
    expect(gone.output).toContain("portkeyadmin_provider.team will be created");
    await tf.apply();
    expect((await provider(teamSlug)).json).toMatchObject({ note: BILLING });
  });

  it("replaces the provider when its slug changes", async () => {
    const old = (await provider(teamSlug)).json as ProviderView;
    teamSlug = "payments-vertex-2";
    tf.configure(config(BILLING).replace("credit_limit = 200", "credit_limit = 300"));
    const output = await tf.apply();
    expect(output).toContain("must be replaced");
    expect(output).toContain("forces replacement");
    expect(output).toContain("1 added, 0 changed, 1 destroyed");
    expect((await provider(old.slug)).status).toBe(404);
    expect((await provider(teamSlug)).status).toBe(200);
  });

  it("imports with <workspace_id>/<slug>, with no changes afterwards", async () => {
    await tf.expect(["state", "rm", "portkeyadmin_provider.team"]);
    const output = await tf.expect(["import", "-input=false", "portkeyadmin_provider.team", `${workspaceId}/${teamSlug}`]);
    expect(output).toContain("Import successful!");
    expect((await tf.plan()).status).toBe(0);
  });

  it("a provider whose slug exists in Portkey but not in state (a killed apply's): adopted when it is as planned", async () => {
    await tf.expect(["state", "rm", "portkeyadmin_provider.team"]);
    const adopted = await tf.run(["apply", "-auto-approve", "-input=false"]);
    expect(adopted.status).toBe(0);
    expect(adopted.output).toContain("Adopted an object left by an interrupted apply");
    expect((await tf.plan()).status).toBe(0);
  });

  it("says how to take over one that differs: the import command, then the next apply updates it", async () => {
    await tf.expect(["state", "rm", "portkeyadmin_provider.team"]);
    expect((await tf.admin("PUT", `/providers/${teamSlug}?workspace_id=${workspaceId}`, { note: "changed by hand", workspace_id: workspaceId })).status).toBe(200);
    const refused = await tf.run(["apply", "-auto-approve", "-input=false"]);
    expect(refused.status).toBe(1);
    const message = refused.output.replace(/\s+/g, " ");
    expect(message).toContain("differs from the configuration in note");
    expect(message).toContain(`terraform import <this resource's address> ${workspaceId}/${teamSlug}`);
    await tf.expect(["import", "-input=false", "portkeyadmin_provider.team", `${workspaceId}/${teamSlug}`]);
    await tf.expect(["apply", "-auto-approve", "-input=false"]);
    expect((await tf.plan()).status).toBe(0);
  });

  it("names the attribute and the fix for a bad value, before any API call", async () => {
    tf.configure(`resource "portkeyadmin_provider" "bad" {
  name           = "bad"
  slug           = "@vertex-prod"
  workspace_id   = "${workspaceId}"
  integration_id = "vertex-prod"
}
`);
    const before = tf.emulator.requests().length;
    const result = await tf.run(["plan", "-input=false"]);
    expect(result.status).toBe(1);
    expect(result.output).toContain("Invalid value for slug");
    expect(result.output).toContain('drop the "@"');
    expect(tf.emulator.requests().length).toBe(before);
  });

  it("destroys both providers, the adopted one included", async () => {
    tf.configure(config(BILLING).replace("credit_limit = 200", "credit_limit = 300"));
    expect(await tf.expect(["destroy", "-auto-approve", "-input=false"])).toContain("Destroy complete! Resources: 2 destroyed");
    expect(await providers()).toEqual([]);
  });
});
