/**
 * `platform-gcp` (only with CVP_GCP=off): the GCP part on its own, synthesized so it can be
 * reviewed, and deployed by hand or by switching to CVP_GCP=real on a machine with a GCP project.
 */
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { TeamsConfig } from "../config";
import { addBackend } from "./backend";
import { addVertexServiceAccount } from "./gcp";
import { addMissingProviders } from "./providers";

export class PlatformGcpStack extends TerraformStack {
  constructor(scope: Construct, id: string, config: TeamsConfig) {
    super(scope, id);
    addBackend(this, config.backend);
    const serviceAccount = addVertexServiceAccount(this, config);
    new TerraformOutput(this, "service_account_email", { value: serviceAccount.email });
    addMissingProviders(this, config);
  }
}
