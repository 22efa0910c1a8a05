/**
 * Minimal L1 binding for the hashicorp/time provider block. Only `time_rotating` is used (as
 * the service-account key's keeper and the team API keys' rotation_trigger), so a hand-written
 * class beats a 30 MB prebuilt package.
 */
import { TerraformProvider } from "cdktf";
import type { Construct } from "constructs";

export const TIME_PROVIDER_VERSION = "~> 0.13";

export class TimeProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, props: { alias?: string } = {}) {
    super(scope, id, {
      terraformResourceType: "time",
      terraformGeneratorMetadata: { providerName: "time", providerVersionConstraint: TIME_PROVIDER_VERSION },
      terraformProviderSource: "hashicorp/time",
    });
    this.alias = props.alias;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { alias: this.alias };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return this.alias === undefined ? {} : { alias: { value: this.alias, isBlock: false, type: "simple", storageClassType: "string" } };
  }
}
