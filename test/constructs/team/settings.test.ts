import "cdktf/lib/testing/adapters/jest";
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { SecretManagerSecret } from "@cdktf/provider-google/lib/secret-manager-secret";
import { SecretManagerSecretIamMember } from "@cdktf/provider-google/lib/secret-manager-secret-iam-member";
import { PortkeyadminProvider } from "../../../src/constructs/l1/portkeyadmin/provider";
import { PortkeyVertexIntegration } from "../../../src/constructs/portkey";
import { ClaudeCodeTeam } from "../../../src/constructs/team";
import { all, only, synthTeam, teamProps } from "./stack";

Testing.setupJest();

const keyRef = (tf: { resource: Record<string, Record<string, unknown>> }, keyName = "ci") => {
  const name = Object.keys(tf.resource.portkeyadmin_api_key).find((n) => n.includes(`key-${keyName}_`));
  return `portkeyadmin_api_key.${name}.key`;
};
const providerRef = (tf: { resource: Record<string, Record<string, unknown>> }) => `portkeyadmin_provider.${Object.keys(tf.resource.portkeyadmin_provider)[0]}.slug`;
const settingsOf = (tf: { output?: Record<string, { value: unknown; sensitive?: boolean }> }, key = "ci") => String(tf.output?.[`settings-${key}`].value);

describe("ClaudeCodeTeam settings", () => {
  describe("provider-slug mode (the default)", () => {
    it("renders settings.json as a sensitive jsonencode whose key is a reference to the issued API key", () => {
      const { tf } = synthTeam(teamProps());
      const settings = settingsOf(tf);
      expect(settings.startsWith("${sensitive(jsonencode({")).toBe(true);
      expect(settings).toContain(`"ANTHROPIC_AUTH_TOKEN" = ${keyRef(tf)},`);
      expect(settings).toContain(`"ANTHROPIC_BASE_URL" = "https://api.portkey.ai"`);
      expect(settings).toContain(`"ANTHROPIC_CUSTOM_HEADERS" = join("", ["x-portkey-provider: @", ${providerRef(tf)}])`);
      expect(settings).toContain(`"ANTHROPIC_DEFAULT_OPUS_MODEL" = "claude-opus-4-6"`);
      expect(settings).toContain(`"ANTHROPIC_DEFAULT_SONNET_MODEL" = "claude-sonnet-4-6"`);
      expect(settings).toContain(`"ANTHROPIC_DEFAULT_HAIKU_MODEL" = "claude-haiku-4-5@20251001"`);
      expect(settings).toContain(`"model" = "sonnet"`);
      expect(settings).not.toMatch(/CLAUDE_CODE_USE_VERTEX|apiKeyHelper|x-portkey-api-key/);
    });

    it("renders one settings file per key, each with its own key", () => {
      const { tf } = synthTeam(teamProps({ keys: [{ name: "ci", kind: "service" }, { name: "laptops", kind: "service" }] }));
      expect(settingsOf(tf, "ci")).toContain(keyRef(tf, "ci"));
      expect(settingsOf(tf, "laptops")).toContain(keyRef(tf, "laptops"));
      expect(settingsOf(tf, "laptops")).not.toContain(keyRef(tf, "ci"));
    });

    it("adds the opt-in toggles", () => {
      const { tf } = synthTeam(teamProps({ settings: { gatewayUrl: "https://api.portkey.ai", disableExperimentalBetas: true, disableNonessentialTraffic: true } }));
      expect(settingsOf(tf)).toContain(`"CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS" = "1"`);
      expect(settingsOf(tf)).toContain(`"CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC" = "1"`);
      expect(settingsOf(synthTeam(teamProps()).tf)).not.toContain("CLAUDE_CODE_DISABLE");
    });

    it("gives managed-settings.json as pretty JSON in which Terraform encodes the key", () => {
      const { team, stack } = synthTeam(teamProps());
      new TerraformOutput(stack, "managed", { value: team.managedSettingsJson("ci"), sensitive: true });
      const tf = JSON.parse(Testing.synth(stack));
      const managed = String(tf.output.managed.value);
      expect(managed).toContain(`\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://api.portkey.ai",\n    "ANTHROPIC_AUTH_TOKEN": \${jsonencode(${keyRef(tf)})},`);
      expect(managed).toContain(`\n  "model": "sonnet"\n}\n`);
    });

    it("accepts a gateway URL that is itself a Terraform reference", () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, "team");
      new PortkeyadminProvider(stack, "portkey", {});
      const url = new TerraformVariable(stack, "gateway_url", { type: "string" });
      const team = new ClaudeCodeTeam(stack, "team", teamProps({ settings: { gatewayUrl: url.stringValue } }));
      new TerraformOutput(stack, "settings", { value: team.settingsJson("ci"), sensitive: true });
      expect(JSON.parse(Testing.synth(stack)).output.settings.value).toContain(`"ANTHROPIC_BASE_URL" = var.gateway_url`);
    });

    it("names the team's keys when asked for settings of a key it does not have", () => {
      const { team } = synthTeam(teamProps());
      expect(() => team.settingsJson("laptops")).toThrow(/no key named "laptops"; the team's keys are: ci/);
    });
  });

  describe("api-key-helper mode (rotation)", () => {
    const helperProps = () =>
      teamProps({
        keys: [{ name: "laptops", kind: "service" }],
        settings: { mode: "api-key-helper", gatewayUrl: "https://api.portkey.ai", secretManager: { projectId: "acme-ai", accessorMembers: ["group:payments-devs@acme.com", "user:ada@acme.com"] } },
      });

    it("stores the key in a Secret Manager secret that the team may read", () => {
      const { tf, json, team } = synthTeam(helperProps());
      expect(json).toHaveResourceWithProperties(SecretManagerSecret, { project: "acme-ai", secret_id: "claude-code-payments-laptops", replication: { auto: {} } });
      const [secret] = Object.keys(tf.resource.google_secret_manager_secret);
      expect(only(tf, "google_secret_manager_secret_version")).toEqual({ secret: `\${google_secret_manager_secret.${secret}.id}`, secret_data: `\${${keyRef(tf, "laptops")}}` });
      expect(all(tf, "google_secret_manager_secret_iam_member").map((m) => m.member).sort()).toEqual(["group:payments-devs@acme.com", "user:ada@acme.com"]);
      expect(json).toHaveResourceWithProperties(SecretManagerSecretIamMember, { role: "roles/secretmanager.secretAccessor", secret_id: `\${google_secret_manager_secret.${secret}.secret_id}` });
      expect(Object.keys(team.keySecrets)).toEqual(["laptops"]);
    });

    it("puts no key in the settings: apiKeyHelper reads the latest version with gcloud", () => {
      const { tf } = synthTeam(helperProps());
      const settings = settingsOf(tf, "laptops");
      expect(settings).toContain(`"apiKeyHelper" = "gcloud secrets versions access latest --secret=claude-code-payments-laptops --project=acme-ai"`);
      expect(settings).not.toContain("ANTHROPIC_AUTH_TOKEN");
      expect(settings).not.toContain("portkeyadmin_api_key");
    });
  });

  describe("legacy-vertex mode", () => {
    it("renders the older Vertex passthrough settings only on request, with a warning on the construct", () => {
      const { tf, team } = synthTeam(teamProps({ settings: { mode: "legacy-vertex", gatewayUrl: "https://api.portkey.ai", legacyVertex: { projectId: "acme-ai", region: "us-east5" } } }));
      const settings = settingsOf(tf);
      expect(settings).toContain(`"CLAUDE_CODE_USE_VERTEX" = "1"`);
      expect(settings).toContain(`"ANTHROPIC_VERTEX_BASE_URL" = "https://api.portkey.ai/v1"`);
      expect(settings).toContain(`"CLOUD_ML_REGION" = "us-east5"`);
      expect(settings).toContain(`join("", ["x-portkey-api-key: ", ${keyRef(tf)}, "\\nx-portkey-virtual-key: ", ${providerRef(tf)}])`);
      expect(team.node.metadata.map((entry) => String(entry.data))).toEqual(expect.arrayContaining([expect.stringContaining("Legacy Vertex mode")]));
    });
  });

  it("never writes a secret into the synthesized JSON, in any mode", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "platform");
    new PortkeyadminProvider(stack, "portkey", {});
    new GoogleProvider(stack, "google", {});
    const keyJson = new TerraformVariable(stack, "vertex_key_json", { type: "string", sensitive: true });
    const vertex = new PortkeyVertexIntegration(stack, "vertex", { slug: "vertex-us-east5", region: "us-east5", projectId: "acme-ai", serviceAccountKeyJson: keyJson.stringValue, keyVersion: "1", models: "all" });
    const settings = [
      { gatewayUrl: "https://api.portkey.ai" },
      { mode: "api-key-helper" as const, gatewayUrl: "https://api.portkey.ai", secretManager: { projectId: "acme-ai", accessorMembers: ["group:devs@acme.com"] } },
      { mode: "legacy-vertex" as const, gatewayUrl: "https://api.portkey.ai", legacyVertex: { projectId: "acme-ai", region: "us-east5" } },
    ];
    settings.forEach((s, index) => {
      const team = new ClaudeCodeTeam(stack, `team-${index}`, teamProps({ name: `team-${index}`, integrationSlug: vertex.slug, settings: s }));
      new TerraformOutput(stack, `settings-${index}`, { value: team.settingsJson("ci"), sensitive: true });
      new TerraformOutput(stack, `managed-${index}`, { value: team.managedSettingsJson("ci"), sensitive: true });
    });
    const json = Testing.synth(stack);
    const tf = JSON.parse(json);
    // Every credential slot holds a reference, never a value.
    expect(only(tf, "portkeyadmin_integration").service_account_json).toBe(`\${var.vertex_key_json}`);
    expect(only(tf, "google_secret_manager_secret_version").secret_data).toMatch(/^\$\{portkeyadmin_api_key\.[^.]+\.key\}$/);
    const tokenValues = [...json.matchAll(/ANTHROPIC_AUTH_TOKEN\\"(?: =|:) ([^,]+),/g)].map((m) => m[1]);
    expect(tokenValues).toHaveLength(2 /* settings + managed of slug mode */);
    for (const value of tokenValues) expect(value).toMatch(/^(\$\{jsonencode\()?portkeyadmin_api_key\.[^.]+\.key\)?\}?$/);
    expect(json).toMatch(/x-portkey-api-key: \\", portkeyadmin_api_key\.[^.]+\.key,/);
    // No placeholder of the synth-time check leaks out.
    expect(json).not.toContain("tokenplaceholder");
  });
});
