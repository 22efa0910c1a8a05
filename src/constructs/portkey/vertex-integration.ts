/**
 * PortkeyVertexIntegration (L2): the platform's Google Vertex AI integration in Portkey and the
 * models its providers may call. The service-account key travels only through the write-only
 * `service_account_json` (never in plan or state); `keyVersion` decides when it is re-sent.
 *
 *   const sa = new VertexServiceAccount(stack, "vertex-sa", { projectId: "acme-ai", keyRotationDays: 90 });
 *   const vertex = PortkeyVertexIntegration.fromServiceAccount(stack, "vertex", {
 *     serviceAccount: sa, slug: "vertex-us-east5", region: "us-east5", projectId: "acme-ai", models: "all",
 *   });
 */
import { Annotations, Token } from "cdktf";
import { Construct } from "constructs";
import { z } from "zod";
import type { VertexServiceAccount } from "../gcp/vertex-service-account";
import { PortkeyadminIntegration } from "../l1/portkeyadmin/integration";
import { PortkeyadminIntegrationModels } from "../l1/portkeyadmin/integration-models";
import type { PortkeyVertexIntegrationProps } from "../team/props";
import { literalString, parseProps } from "../validation";
import { modelCatalogueProp, modelListIssues, modelPolicy, modelWarnings, regionNotes } from "./model-checks";

export type { PortkeyVertexIntegrationProps } from "../team/props";

const SLUG = /^[a-zA-Z0-9_-]{1,255}$/;

const PropsSchema = z
  .object({
    slug: literalString(SLUG, 'must be a Portkey slug: letters, digits, "_" and "-" (e.g. "vertex-us-east5")'),
    name: z.string().trim().min(1, "must not be empty (or leave it out to use the slug)").max(255, "must be at most 255 characters").optional(),
    region: literalString(/^[a-z][a-z0-9-]*$/, 'must be a Vertex AI location such as "us-east5", "europe-west1" or "global"'),
    projectId: literalString(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a GCP project id: 6–30 lowercase letters, digits or dashes, starting with a letter"),
    serviceAccountKeyJson: z.string().superRefine((value, ctx) => {
      // A literal would be written into cdk.tf.json in clear: only references are accepted.
      if (!Token.isUnresolved(value)) {
        ctx.addIssue({
          code: "custom",
          message:
            "must be a Terraform reference, not a literal key file (a literal lands in cdk.tf.json in clear). Pass VertexServiceAccount.keyJson (or use PortkeyVertexIntegration.fromServiceAccount) or a sensitive TerraformVariable's value",
        });
      }
    }),
    keyVersion: z.string().min(1, "must not be empty: pass the key resource's id (e.g. VertexServiceAccount.key.id) so a new key is re-sent"),
    models: z.union([z.literal("all"), z.array(z.string(), { message: 'must be "all" or a list of Vertex model IDs' })]),
    allowUnknownModels: z.boolean().default(false),
    allowRetiredModels: z.array(z.string(), { message: "must be a list of retired Vertex model IDs" }).default([]),
    modelCatalogue: modelCatalogueProp,
  })
  .strict()
  .superRefine((props, ctx) => {
    if (props.models === "all") return;
    const policy = modelPolicy({ catalogue: props.modelCatalogue, allowUnknownModels: props.allowUnknownModels, allowRetiredModels: props.allowRetiredModels });
    for (const issue of modelListIssues(props.models, policy)) ctx.addIssue({ code: "custom", path: ["models", ...issue.path], message: issue.message });
  });

/** fromServiceAccount's props: everything but the key, which comes from the service account. */
export interface PortkeyVertexIntegrationFromServiceAccountProps extends Omit<PortkeyVertexIntegrationProps, "serviceAccountKeyJson" | "keyVersion"> {
  readonly serviceAccount: VertexServiceAccount;
  /**
   * @default - the service account's keyVersion: the created key's id, so each rotation re-sends
   * the new key; for a key read from Secret Manager, the resolved secret version, so a new
   * version re-sends it
   */
  readonly keyVersion?: string;
}

export class PortkeyVertexIntegration extends Construct {
  /**
   * The integration slug, as a reference to the integration resource: teams in the same stack that
   * use it wait for the integration. Same value as `props.slug`.
   */
  readonly slug: string;
  readonly integration: PortkeyadminIntegration;
  /** The model allow-list resource (every provider made from the integration enforces it). */
  readonly models: PortkeyadminIntegrationModels;
  /** The allowed model IDs as given, or "all". */
  readonly allowedModels: readonly string[] | "all";

  /**
   * Wire the key of a VertexServiceAccount: its key file JSON (already decoded from the key's
   * base64 `private_key`) and the key id as `keyVersion`. With `keyRotationDays`, one apply then
   * creates the new key, re-sends it to Portkey (the version changed), and only then deletes the
   * old key (the key resource is create_before_destroy).
   */
  static fromServiceAccount(scope: Construct, id: string, props: PortkeyVertexIntegrationFromServiceAccountProps): PortkeyVertexIntegration {
    const { serviceAccount, keyVersion, ...rest } = props;
    return new PortkeyVertexIntegration(scope, id, {
      ...rest,
      serviceAccountKeyJson: serviceAccount.keyJson,
      keyVersion: keyVersion ?? serviceAccount.keyVersion,
    });
  }

  constructor(scope: Construct, id: string, props: PortkeyVertexIntegrationProps) {
    super(scope, id);
    const p = parseProps("PortkeyVertexIntegration", PropsSchema, props);
    this.allowedModels = p.models === "all" ? "all" : [...p.models];

    this.integration = new PortkeyadminIntegration(this, "integration", {
      slug: p.slug,
      name: p.name ?? p.slug,
      vertexRegion: p.region,
      vertexProjectId: p.projectId,
      authType: "serviceAccount",
      serviceAccountJson: p.serviceAccountKeyJson,
      serviceAccountJsonVersion: p.keyVersion,
    });
    this.slug = this.integration.slug;

    this.models = new PortkeyadminIntegrationModels(this, "models", {
      integrationSlug: this.integration.slug,
      allowAllModels: p.models === "all",
      models: p.models === "all" ? undefined : [...p.models],
    });

    if (p.models !== "all") {
      const policy = modelPolicy({ catalogue: p.modelCatalogue, allowUnknownModels: p.allowUnknownModels, allowRetiredModels: p.allowRetiredModels });
      for (const warning of modelWarnings(p.models, policy)) Annotations.of(this).addWarning(warning);
      if (!Token.isUnresolved(p.region)) for (const note of regionNotes(p.models, p.region, policy.catalogue)) Annotations.of(this).addWarning(note);
    }
    Annotations.of(this).addInfo(
      "Enable each Claude model in Vertex AI Model Garden for this project and region by hand: Terraform cannot do it, and Vertex answers 404 for a model that is not enabled.",
    );
  }
}
