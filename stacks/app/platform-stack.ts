/**
 * `platform`: one Portkey Vertex integration per region in use, each with the model allow-list.
 * With `gcp: "real"` the stack also holds the GCP service account and hands its key to Portkey
 * directly; with `gcp: "off"` the key file JSON comes from the ephemeral variable
 * `vertex_service_account_json` (TF_VAR_vertex_service_account_json), its non-secret version
 * from `vertex_service_account_json_version`, and the GCP part lives in the `platform-gcp` stack.
 *
 * Why ephemeral, not just sensitive: Terraform writes every input variable's value into a saved
 * plan (`plan -out`), and `terraform show -json` prints it; an ephemeral variable is never
 * written to a plan or state, and may feed only write-only attributes (Terraform ≥ 1.10; the
 * write-only attribute it feeds needs 1.11). So the version cannot be computed from the key
 * either: it is a second, plain variable the user changes when the key changes.
 */
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { regionsInUse, type TeamsConfig } from "../config";
import { PortkeyVertexIntegration } from "../../src/constructs/portkey/vertex-integration";
import { addBackend } from "./backend";
import { addVertexServiceAccount } from "./gcp";
import { integrationSlug, modelAllowList } from "./platform-refs";
import { addMissingProviders, addPortkeyProvider } from "./providers";

export type GcpMode = "real" | "off";

export const KEY_VARIABLE = "vertex_service_account_json";
export const KEY_VERSION_VARIABLE = "vertex_service_account_json_version";

/** Ephemeral variables need 1.10, the write-only attribute they feed 1.11: one clear refusal instead of two obscure ones. */
export const REQUIRED_TERRAFORM = ">= 1.11";

export interface PlatformStackProps {
  readonly config: TeamsConfig;
  readonly gcp: GcpMode;
}

export class PlatformStack extends TerraformStack {
  readonly integrations: readonly PortkeyVertexIntegration[];

  constructor(scope: Construct, id: string, { config, gcp }: PlatformStackProps) {
    super(scope, id);
    addBackend(this, config.backend);
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM);
    addPortkeyProvider(this, config);
    const { models, allowUnknownModels, allowRetiredModels } = modelAllowList(config);
    const { name, region: primary } = config.portkey.integration;
    const common = (region: string) => ({
      slug: integrationSlug(config, region),
      name: region === primary ? name : `${name} (${region})`,
      region,
      projectId: config.gcp.project_id,
      models,
      allowUnknownModels,
      allowRetiredModels,
      modelCatalogue: config.models_catalogue.catalogue,
    });

    if (gcp === "real") {
      const serviceAccount = addVertexServiceAccount(this, config);
      this.integrations = regionsInUse(config).map((region) => PortkeyVertexIntegration.fromServiceAccount(this, `integration-${region}`, { serviceAccount, ...common(region) }));
      new TerraformOutput(this, "service_account_email", { value: serviceAccount.email });
    } else {
      const keyJson = new TerraformVariable(this, KEY_VARIABLE, {
        type: "string",
        sensitive: true,
        description: `The Vertex service-account key file (JSON) Portkey calls Vertex AI with. Set TF_VAR_${KEY_VARIABLE} at plan and again at apply (it is never saved in a plan file); never commit it.`,
      });
      // cdktf 0.21 has no property for it; the override writes `"ephemeral": true` beside `sensitive`.
      keyJson.addOverride("ephemeral", true);
      const keyVersion = new TerraformVariable(this, KEY_VERSION_VARIABLE, {
        type: "string",
        description: `A non-secret label of the key in TF_VAR_${KEY_VARIABLE} (e.g. the date you created it, or its key id); change it whenever the key changes, so the new key is sent to Portkey. Never a hash of the key.`,
        validation: [
          {
            condition: `\${length(trimspace(var.${KEY_VERSION_VARIABLE})) > 0}`,
            errorMessage: `The ${KEY_VERSION_VARIABLE} variable must not be empty: set TF_VAR_${KEY_VERSION_VARIABLE} to a label of the key, e.g. "2026-01", and change it when the key changes.`,
          },
        ],
      });
      this.integrations = regionsInUse(config).map(
        (region) =>
          new PortkeyVertexIntegration(this, `integration-${region}`, { ...common(region), serviceAccountKeyJson: keyJson.stringValue, keyVersion: keyVersion.stringValue }),
      );
    }

    new TerraformOutput(this, "integration_slugs", { value: Object.fromEntries(regionsInUse(config).map((region, i) => [region, this.integrations[i].slug])) });
    new TerraformOutput(this, "allowed_models", { value: models });
    addMissingProviders(this, config);
  }
}
