import "cdktf/lib/testing/adapters/jest";
import { AnnotationMetadataEntryType, App, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { ProjectIamCustomRole } from "@cdktf/provider-google/lib/project-iam-custom-role";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { ProjectService } from "@cdktf/provider-google/lib/project-service";
import { ServiceAccountKey } from "@cdktf/provider-google/lib/service-account-key";
import { VertexServiceAccount, type VertexServiceAccountProps } from "../../src/constructs/gcp/vertex-service-account";
import { TimeProvider } from "../../src/constructs/l1/time/time-provider";

Testing.setupJest();

function synth(props: VertexServiceAccountProps) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "platform");
  new GoogleProvider(stack, "google", { project: "acme-ai" });
  new TimeProvider(stack, "time");
  const sa = new VertexServiceAccount(stack, "vertex", props);
  return { json: Testing.synth(stack), sa, app };
}

describe("VertexServiceAccount", () => {
  it("enables Vertex AI (kept on destroy), creates the account, grants aiplatform.user and creates a key", () => {
    const { json } = synth({ projectId: "acme-ai" });
    expect(json).toHaveResourceWithProperties(ProjectService, { service: "aiplatform.googleapis.com", disable_on_destroy: false });
    expect(json).toHaveResourceWithProperties(ProjectIamMember, { role: "roles/aiplatform.user", project: "acme-ai" });
    expect(json).toHaveResource(ServiceAccountKey);
    const parsed = JSON.parse(json);
    expect(Object.values(parsed.resource.google_service_account)).toEqual([
      expect.objectContaining({ account_id: "portkey-vertex", project: "acme-ai" }),
    ]);
    expect(parsed.resource.time_rotating).toBeUndefined();
  });

  it("exposes the key file JSON only as a Terraform reference, never a literal", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "platform");
    new GoogleProvider(stack, "google", { project: "acme-ai" });
    const sa = new VertexServiceAccount(stack, "vertex", { projectId: "acme-ai" });
    new TerraformOutput(stack, "key", { value: sa.keyJson, sensitive: true });
    const parsed = JSON.parse(Testing.synth(stack));
    const [keyName] = Object.keys(parsed.resource.google_service_account_key);
    expect(parsed.output.key).toEqual({ value: `\${base64decode(google_service_account_key.${keyName}.private_key)}`, sensitive: true });
  });

  it("offers a predict-only custom role instead of the predefined role", () => {
    const { json } = synth({ projectId: "acme-ai", access: "predict-only", accountId: "claude-gateway" });
    expect(json).toHaveResourceWithProperties(ProjectIamCustomRole, { permissions: ["aiplatform.endpoints.predict"], role_id: "claude_gateway_predict" });
    expect(json).not.toContain("roles/aiplatform.user");
  });

  it("rotates the key with time_rotating as keeper and create_before_destroy", () => {
    const parsed = JSON.parse(synth({ projectId: "acme-ai", keyRotationDays: 30 }).json);
    const [rotation] = Object.keys(parsed.resource.time_rotating);
    expect(parsed.resource.time_rotating[rotation]).toEqual(expect.objectContaining({ rotation_days: 30 }));
    const [key] = Object.values(parsed.resource.google_service_account_key) as Record<string, unknown>[];
    expect(key.keepers).toEqual({ rotation: `\${time_rotating.${rotation}.id}` });
    expect(key.lifecycle).toEqual({ create_before_destroy: true });
  });

  it("reads an existing key from Secret Manager when key creation is forbidden", () => {
    const parsed = JSON.parse(synth({ projectId: "acme-ai", existingKeySecret: { secretId: "portkey-vertex-key" } }).json);
    expect(parsed.resource.google_service_account_key).toBeUndefined();
    expect(Object.values(parsed.data.google_secret_manager_secret_version)).toEqual([
      expect.objectContaining({ secret: "portkey-vertex-key", version: "latest" }),
    ]);
  });

  it("warns that a created key lives in Terraform state", () => {
    const { sa } = synth({ projectId: "acme-ai" });
    const warnings = sa.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
    expect(warnings.join("\n")).toContain("stored in Terraform state");
  });

  it("says that a key read from Secret Manager is in state and saved plans too, and versions it by the resolved secret version", () => {
    const stack = new TerraformStack(Testing.app(), "platform");
    new GoogleProvider(stack, "google", { project: "acme-ai" });
    const sa = new VertexServiceAccount(stack, "vertex", { projectId: "acme-ai", existingKeySecret: { secretId: "portkey-vertex-key" } });
    new TerraformOutput(stack, "version", { value: sa.keyVersion });
    const tf = JSON.parse(Testing.synth(stack));
    const warnings = sa.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
    expect(warnings.join("\n")).toContain("is stored in Terraform state and in saved plan files");
    const [secret] = Object.keys(tf.data.google_secret_manager_secret_version);
    // The version's name (".../versions/N"), which a new secret version changes: nothing derived from the key.
    expect(tf.output.version.value).toBe(`\${data.google_secret_manager_secret_version.${secret}.name}`);
  });

  it.each([
    [{ projectId: "Acme" }, "VertexServiceAccount: props.projectId: must be a GCP project id"],
    [{ projectId: "acme-ai", accountId: "sa" }, "props.accountId: must be 6–30 lowercase"],
    [{ projectId: "acme-ai", keyRotationDays: 0 }, "props.keyRotationDays: must be at least 1 day"],
    [{ projectId: "acme-ai", access: "admin" }, 'props.access: must be "aiplatform-user" or "predict-only"'],
    [{ projectId: "acme-ai", keyRotationDays: 30, existingKeySecret: { secretId: "s" } }, "props.keyRotationDays: keyRotationDays rotates a key this construct creates"],
    [{ projectId: "acme-ai", keyRotaionDays: 30 }, 'Unrecognized key: "keyRotaionDays"'],
  ])("rejects bad props %j with a message naming the prop", (props, message) => {
    const stack = new TerraformStack(new App({ outdir: "/tmp/unused" }), "s");
    expect(() => new VertexServiceAccount(stack, "v", props as VertexServiceAccountProps)).toThrow(message);
  });
});
