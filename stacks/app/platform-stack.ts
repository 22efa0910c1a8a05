/**
 * `platform`: one Portkey Vertex integration per region in use, each with the model allow-list.
 * With `gcp: "real"` the stack also holds the GCP service account and hands its key to Portkey
 * directly; with `gcp: "off"` the key file JSON comes from the sensitive variable
 * `vertex_service_account_json` (TF_VAR_vertex_service_account_json) and the GCP part lives in
 * the `platform-gcp` stack.
 */
import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { regionsInUse, type TeamsConfig } from "../config";
import { PortkeyVertexIntegration } from "../../src/constructs/portkey/vertex-integration";
import { addBackend } from "./backend";
import { addVertexServiceAccount } from "./gcp";
import { integrationSlug, modelAllowList } from "./platform-refs";
import { addMissingProviders, addPortkeyProvider } from "./providers";

export type GcpMode = "real" | "off";

export const KEY_VARIABLE = "vertex_service_account_json";

export interface PlatformStackProps {
  readonly config: TeamsConfig;
  readonly gcp: GcpMode;
}

export class PlatformStack extends TerraformStack {
  readonly integrations: readonly PortkeyVertexIntegration[];

  constructor(scope: Construct, id: string, { config, gcp }: PlatformStackProps) {
    super(scope, id);
    addBackend(this, config.backend);
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
        description: "The Vertex service-account key file (JSON) Portkey calls Vertex AI with. Set TF_VAR_vertex_service_account_json; never commit it.",
      });
      // The key's hash as its version: a different key file is re-sent, the same one is not.
      const keyVersion = Fn.sha256(keyJson.stringValue);
      this.integrations = regionsInUse(config).map(
        (region) => new PortkeyVertexIntegration(this, `integration-${region}`, { ...common(region), serviceAccountKeyJson: keyJson.stringValue, keyVersion }),
      );
    }

    new TerraformOutput(this, "integration_slugs", { value: Object.fromEntries(regionsInUse(config).map((region, i) => [region, this.integrations[i].slug])) });
    new TerraformOutput(this, "allowed_models", { value: models });
    addMissingProviders(this, config);
  }
}
