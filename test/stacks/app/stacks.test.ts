/**
 * Synthesizing stacks/teams.example.json: which stacks, resources and outputs a platform team
 * gets, in both GCP modes.
 */
import { integrationSlug, KEY_VERSION_VARIABLE, modelAllowList } from "../../../stacks/app";
import { loadTeamsFile } from "../../../stacks/config";
import { EXAMPLE_FILE, exampleFile, resources, synth, writeTeamsFile } from "./support";

describe("the app synthesized from the example teams file", () => {
  const off = synth(EXAMPLE_FILE, "off");

  it("has a platform stack, the GCP part on its own, and one stack per team", () => {
    expect(Object.keys(off.text).sort()).toEqual(["platform", "platform-gcp", "team-data-science", "team-mobile", "team-payments"]);
  });

  it("creates one Portkey integration per Vertex region in use, the primary under the configured slug", () => {
    const integrations = resources(off.stack("platform"), "portkeyadmin_integration");
    expect(integrations.map((i) => [i.vertex_region, i.slug]).sort()).toEqual([
      ["europe-west1", "vertex-claude-europe-west1"],
      ["global", "vertex-claude"],
      ["us-east5", "vertex-claude-us-east5"],
    ]);
    expect(integrations.every((i) => i.vertex_project_id === "acme-claude-prod")).toBe(true);
  });

  it("allows every model a team can ask for, and only those", () => {
    expect(modelAllowList(loadTeamsFile(EXAMPLE_FILE)).models).toEqual(["claude-haiku-5-5", "claude-opus-5-5", "claude-sonnet-4-6", "claude-sonnet-5-5"]);
    expect(off.text.platform).toContain("claude-sonnet-4-6");
  });

  it("with GCP off, takes the key JSON from an ephemeral variable and leaves GCP out of the platform stack", () => {
    const platform = off.stack("platform");
    // Ephemeral: never written to a saved plan (sensitive alone is); see test/e2e/platform-key.e2e.test.ts.
    expect(platform.variable?.vertex_service_account_json).toMatchObject({ ephemeral: true, sensitive: true, type: "string" });
    expect(platform.terraform).toMatchObject({ required_version: ">= 1.11" });
    expect(off.text.platform).toContain("var.vertex_service_account_json");
    expect(Object.keys(platform.provider ?? {})).toEqual(["portkeyadmin"]);
    const gcp = off.stack("platform-gcp");
    expect(Object.keys(gcp.resource ?? {}).sort()).toEqual(["google_project_iam_member", "google_project_service", "google_service_account", "google_service_account_key", "time_rotating"]);
    expect(resources(gcp, "google_service_account")[0]).toMatchObject({ account_id: "portkey-vertex", project: "acme-claude-prod" });
  });

  it("with GCP off, re-sends the key when its plain version variable changes, never by a value derived from the key", () => {
    const platform = off.stack("platform");
    const version = platform.variable?.vertex_service_account_json_version;
    expect(version).toMatchObject({ type: "string" });
    expect(version?.sensitive).toBeUndefined();
    expect(version?.ephemeral).toBeUndefined();
    for (const integration of resources(platform, "portkeyadmin_integration")) {
      expect(integration.service_account_json_version).toBe(`\${var.${KEY_VERSION_VARIABLE}}`);
    }
    // An ephemeral value may feed only write-only attributes; a hash of it would also be derived from the key.
    expect(off.text.platform).not.toMatch(/sha256|md5|base64sha/);
  });

  it("with GCP real, creates the service account in the platform stack and hands its key to Portkey", () => {
    const real = synth(EXAMPLE_FILE, "real");
    expect(Object.keys(real.text)).not.toContain("platform-gcp");
    const platform = real.stack("platform");
    expect(platform.variable).toBeUndefined();
    expect(Object.keys(platform.provider ?? {}).sort()).toEqual(["google", "portkeyadmin", "time"]);
    expect(resources(platform, "google_service_account")).toHaveLength(1);
    expect(String(resources(platform, "portkeyadmin_integration")[0].service_account_json)).toMatch(/google_service_account_key\./);
  });

  it("gives each team's keys sensitive settings outputs and a non-secret summary", () => {
    const payments = off.stack("team-payments");
    const outputs = payments.output ?? {};
    expect(Object.keys(outputs).sort()).toEqual([
      "managed_settings_ci",
      "managed_settings_claude-code",
      "managed_settings_claude-code-2",
      "settings_ci",
      "settings_claude-code",
      "settings_claude-code-2",
      "summary",
    ]);
    for (const [name, output] of Object.entries(outputs)) expect([name, output.sensitive === true]).toEqual([name, name !== "summary"]);
    expect(Object.keys(off.stack("team-data-science").output ?? {}).sort()).toEqual(["managed_settings_claude-code", "settings_claude-code", "summary"]);
  });

  it("points team stacks at the platform by integration slug, never by remote state", () => {
    const config = loadTeamsFile(EXAMPLE_FILE);
    for (const [name, text] of Object.entries(off.text).filter(([n]) => n.startsWith("team-"))) {
      expect([name, text.includes("terraform_remote_state")]).toEqual([name, false]);
    }
    expect(off.text["team-payments"]).toContain(`"${integrationSlug(config, "us-east5")}"`);
    expect(off.text["team-payments"]).toContain(`"${integrationSlug(config, "europe-west1")}"`);
  });

  it("configures the portkeyadmin provider from the teams file, without an api key", () => {
    expect(off.stack("platform").provider?.portkeyadmin).toEqual([{ base_url: "https://api.portkey.ai/v1" }]);
    // Team stacks may run beside the platform (cdktf deploy platform 'team-*'): they wait for its integrations.
    for (const name of ["team-payments", "team-data-science", "team-mobile"]) {
      expect(off.stack(name).provider?.portkeyadmin).toEqual([{ base_url: "https://api.portkey.ai/v1", wait_for_integration_seconds: 300 }]);
    }
  });

  it("adds the google provider to a team stack only when its resources need it", () => {
    const providersOf = (name: string) => Object.keys(off.stack(name).provider ?? {}).sort();
    const usesGoogle = (name: string) => Object.keys(off.stack(name).resource ?? {}).some((type) => type.startsWith("google_"));
    for (const name of ["team-payments", "team-data-science", "team-mobile"]) {
      expect([name, providersOf(name).includes("google")]).toEqual([name, usesGoogle(name)]);
    }
  });
});

describe("keys[].rotation_days in the teams file", () => {
  const file = exampleFile();
  file.teams[1].keys = [{ name: "claude-code", rotation_days: 90 }, { name: "ci" }]; // data-science, provider-slug
  file.teams[2].keys = [{ name: "claude-code", rotation_days: 30 }]; // mobile, api-key-helper
  const app = synth(writeTeamsFile(file), "off");

  it("puts a time_rotating and the time provider in the team's stack, feeding the key's rotation_trigger", () => {
    const stack = app.stack("team-data-science");
    expect(Object.keys(stack.provider ?? {}).sort()).toEqual(["portkeyadmin", "time"]);
    const [rotationId] = Object.keys(stack.resource?.time_rotating ?? {});
    expect(resources(stack, "time_rotating")).toEqual([expect.objectContaining({ rotation_days: 90 })]);
    const keys = resources(stack, "portkeyadmin_api_key");
    expect(keys.find((key) => key.name === "data-science-claude-code")?.rotation_trigger).toBe(`\${time_rotating.${rotationId}.id}`);
    expect(keys.find((key) => key.name === "data-science-ci")).not.toHaveProperty("rotation_trigger");
  });

  it("in api-key-helper mode, stores the rotated key as the secret's new version", () => {
    const stack = app.stack("team-mobile");
    expect(Object.keys(stack.provider ?? {}).sort()).toEqual(["google", "portkeyadmin", "time"]);
    const [rotationId] = Object.keys(stack.resource?.time_rotating ?? {});
    const [keyId] = Object.keys(stack.resource?.portkeyadmin_api_key ?? {});
    expect(stack.resource?.portkeyadmin_api_key[keyId].rotation_trigger).toBe(`\${time_rotating.${rotationId}.id}`);
    expect(resources(stack, "google_secret_manager_secret_version")).toEqual([expect.objectContaining({ secret_data: `\${portkeyadmin_api_key.${keyId}.key}` })]);
  });

  it("leaves stacks without rotation free of the time provider", () => {
    expect(Object.keys(app.stack("team-payments").provider ?? {})).not.toContain("time");
  });
});
