import "cdktf/lib/testing/adapters/jest";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { VertexServiceAccount } from "../../../src/constructs/gcp/vertex-service-account";
import { PortkeyadminProvider } from "../../../src/constructs/l1/portkeyadmin/provider";
import { TimeProvider } from "../../../src/constructs/l1/time/time-provider";
import { PortkeyVertexIntegration, type PortkeyVertexIntegrationProps } from "../../../src/constructs/portkey";
import { PropsError } from "../../../src/constructs/validation";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../../fixtures/fake-service-account";

Testing.setupJest();

interface TfJson {
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

function stack() {
  const s = new TerraformStack(Testing.app(), "platform");
  new PortkeyadminProvider(s, "portkey", {});
  new GoogleProvider(s, "google", { project: "acme-ai" });
  new TimeProvider(s, "time");
  return s;
}

function props(s: TerraformStack, overrides: Partial<PortkeyVertexIntegrationProps> = {}): PortkeyVertexIntegrationProps {
  const key = new TerraformVariable(s, "key_json", { type: "string", sensitive: true });
  return {
    slug: "vertex-us-east5",
    region: "us-east5",
    projectId: "acme-ai",
    serviceAccountKeyJson: key.stringValue,
    keyVersion: "v1",
    models: ["claude-sonnet-4-6", "claude-haiku-4-5@20251001"],
    ...overrides,
  };
}

const synth = (s: TerraformStack): TfJson => JSON.parse(Testing.synth(s));
const one = (tf: TfJson, type: string) => {
  const all = Object.values(tf.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
};

describe("PortkeyVertexIntegration", () => {
  it("creates a service-account Vertex integration whose key is only a reference in the write-only attribute", () => {
    const s = stack();
    const vertex = new PortkeyVertexIntegration(s, "vertex", props(s, { name: "Vertex prod" }));
    const tf = synth(s);
    expect(one(tf, "portkeyadmin_integration")).toEqual({
      slug: "vertex-us-east5",
      name: "Vertex prod",
      vertex_region: "us-east5",
      vertex_project_id: "acme-ai",
      auth_type: "serviceAccount",
      service_account_json: `\${var.key_json}`,
      service_account_json_version: "v1",
    });
    expect(vertex.allowedModels).toEqual(["claude-sonnet-4-6", "claude-haiku-4-5@20251001"]);
  });

  it("restricts the integration to the catalogue models it lists", () => {
    const s = stack();
    new PortkeyVertexIntegration(s, "vertex", props(s));
    const tf = synth(s);
    const [integration] = Object.keys(tf.resource.portkeyadmin_integration);
    expect(one(tf, "portkeyadmin_integration_models")).toEqual({
      integration_slug: `\${portkeyadmin_integration.${integration}.slug}`,
      allow_all_models: false,
      models: ["claude-sonnet-4-6", "claude-haiku-4-5@20251001"],
    });
  });

  it('allows every model with models: "all"', () => {
    const s = stack();
    new PortkeyVertexIntegration(s, "vertex", props(s, { models: "all", name: undefined }));
    const tf = synth(s);
    expect(one(tf, "portkeyadmin_integration_models")).toMatchObject({ allow_all_models: true });
    expect(one(tf, "portkeyadmin_integration_models")).not.toHaveProperty("models");
    expect(one(tf, "portkeyadmin_integration")).toMatchObject({ name: "vertex-us-east5" });
  });

  it("exposes the slug as a reference, so teams in the same stack wait for the integration", () => {
    const s = stack();
    const vertex = new PortkeyVertexIntegration(s, "vertex", props(s));
    expect(Token.isUnresolved(vertex.slug)).toBe(true);
    new TerraformOutput(s, "slug", { value: vertex.slug });
    const output = (JSON.parse(Testing.synth(s)) as { output: { slug: { value: string } } }).output.slug.value;
    expect(output).toMatch(/^\$\{portkeyadmin_integration\.[^.]+\.slug\}$/);
  });

  it("fromServiceAccount sends the decoded key file and re-sends it whenever the rotating key is replaced", () => {
    const s = stack();
    const sa = new VertexServiceAccount(s, "sa", { projectId: "acme-ai", keyRotationDays: 30 });
    PortkeyVertexIntegration.fromServiceAccount(s, "vertex", { serviceAccount: sa, slug: "vertex-us-east5", region: "us-east5", projectId: "acme-ai", models: "all" });
    const tf = synth(s);
    const [keyName] = Object.keys(tf.resource.google_service_account_key);
    expect(one(tf, "portkeyadmin_integration")).toMatchObject({
      service_account_json: `\${base64decode(google_service_account_key.${keyName}.private_key)}`,
      service_account_json_version: `\${google_service_account_key.${keyName}.id}`,
    });
    // The new key exists (and reaches Portkey) before the old one is deleted.
    expect(one(tf, "google_service_account_key")).toMatchObject({ lifecycle: { create_before_destroy: true } });
  });

  it("fromServiceAccount with a key from Secret Manager re-sends it when a new secret version becomes the one read", () => {
    const s = stack();
    const sa = new VertexServiceAccount(s, "sa", { projectId: "acme-ai", existingKeySecret: { secretId: "vertex-key" } });
    PortkeyVertexIntegration.fromServiceAccount(s, "vertex", { serviceAccount: sa, slug: "vertex-eu", region: "europe-west1", projectId: "acme-ai", models: "all" });
    const tf = synth(s) as TfJson & { data: Record<string, Record<string, unknown>> };
    const [secret] = Object.keys(tf.data.google_secret_manager_secret_version);
    expect(one(tf, "portkeyadmin_integration")).toMatchObject({
      service_account_json: `\${data.google_secret_manager_secret_version.${secret}.secret_data}`,
      // The resolved version's name ("latest" → …/versions/N), never a hash of the key itself.
      service_account_json_version: `\${data.google_secret_manager_secret_version.${secret}.name}`,
    });
  });

  it("warns when a listed model is not known in the integration's region, and says Model Garden needs a manual step", () => {
    const s = stack();
    const vertex = new PortkeyVertexIntegration(s, "vertex", props(s, { region: "asia-east1", models: ["claude-haiku-4-5@20251001"] }));
    const messages = vertex.node.metadata.map((entry) => String(entry.data));
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('claude-haiku-4-5@20251001 is not known to be served in Vertex region "asia-east1"'), expect.stringContaining("Model Garden")]));
  });

  describe("refuses bad props with the prop and the fix", () => {
    const attempt = (overrides: Partial<PortkeyVertexIntegrationProps>) => {
      const s = stack();
      return () => new PortkeyVertexIntegration(s, "vertex", props(s, overrides));
    };

    it("a literal key file (it would be written into cdk.tf.json in clear)", () => {
      const literal = JSON.stringify(FAKE_SERVICE_ACCOUNT);
      const build = attempt({ serviceAccountKeyJson: literal });
      expect(build).toThrow(PropsError);
      expect(attempt({ serviceAccountKeyJson: literal })).toThrow(/PortkeyVertexIntegration: props\.serviceAccountKeyJson: must be a Terraform reference.*fromServiceAccount/);
      // The error never repeats the key.
      try {
        attempt({ serviceAccountKeyJson: literal })();
      } catch (error) {
        expect(String(error)).not.toContain(FAKE_KEY_MATERIAL);
      }
    });

    it("a model in the Anthropic API's dated form, with the Vertex form to use", () => {
      expect(attempt({ models: ["claude-sonnet-4-5-20250929"] })).toThrow(/props\.models\.0: .*Use "claude-sonnet-4-5@20250929"/);
    });

    it("a model newer than the catalogue, unless allowUnknownModels is set", () => {
      expect(attempt({ models: ["claude-sonnet-6"] })).toThrow(/props\.models\.0: .*allowUnknownModels: true/);
      expect(attempt({ models: ["claude-sonnet-6"], allowUnknownModels: true })).not.toThrow();
    });

    it("an empty model list, duplicates, a bad slug and a bad region", () => {
      expect(attempt({ models: [] })).toThrow(/props\.models: must list at least one Vertex model ID, or be "all"/);
      expect(attempt({ models: ["claude-sonnet-4-6", "claude-sonnet-4-6"] })).toThrow(/props\.models\.1: "claude-sonnet-4-6" is listed twice/);
      expect(attempt({ slug: "vertex prod" })).toThrow(/props\.slug: must be a Portkey slug/);
      expect(attempt({ region: "US East" })).toThrow(/props\.region: must be a Vertex AI location/);
    });
  });
});
