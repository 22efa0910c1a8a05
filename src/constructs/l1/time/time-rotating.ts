/**
 * Minimal L1 binding for `time_rotating` (hashicorp/time): a timestamp that is replaced once
 * `rotation_days` have passed, which makes anything keyed on its id be replaced too.
 */
import { TerraformResource, type TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";

export interface TimeRotatingConfig extends TerraformMetaArguments {
  readonly rotationDays: number;
}

export class TimeRotating extends TerraformResource {
  readonly rotationDays: number;

  constructor(scope: Construct, id: string, config: TimeRotatingConfig) {
    super(scope, id, {
      terraformResourceType: "time_rotating",
      terraformGeneratorMetadata: { providerName: "time" },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      forEach: config.forEach,
    });
    this.rotationDays = config.rotationDays;
  }

  /** Changes on each rotation: use it as a keeper. */
  get id(): string {
    return this.getStringAttribute("id");
  }

  get rotationRfc3339(): string {
    return this.getStringAttribute("rotation_rfc3339");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { rotation_days: this.rotationDays };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return { rotation_days: { value: this.rotationDays, isBlock: false, type: "simple", storageClassType: "number" } };
  }
}
