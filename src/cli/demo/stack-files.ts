/** Reading back what synthesis wrote: a stack's cdk.tf.json, its providers and what it would create. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface StackJson {
  readonly provider?: Record<string, unknown>;
  readonly resource?: Record<string, Record<string, unknown>>;
}

/** A stack's working directory in the synth output (`<outdir>/stacks/<stack>`). */
export const stackDir = (outdir: string, stack: string) => join(outdir, "stacks", stack);

export function readStack(outdir: string, stack: string): StackJson {
  return JSON.parse(readFileSync(join(stackDir(outdir, stack), "cdk.tf.json"), "utf8")) as StackJson;
}

/** The providers a synthesized stack needs (`google`, `portkeyadmin`, `time`). */
export const providersOf = (json: StackJson) => Object.keys(json.provider ?? {});

/** How many resources a stack would create. */
export const resourceCount = (json: StackJson) => Object.values(json.resource ?? {}).reduce((sum, items) => sum + Object.keys(items).length, 0);

/** `google_service_account ×1, …`: what a stack would create, by type. */
export function resourceSummary(json: StackJson): string {
  return Object.entries(json.resource ?? {})
    .map(([type, items]) => `${type} ×${Object.keys(items).length}`)
    .join(", ");
}
