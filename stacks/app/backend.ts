/**
 * Each stack's state backend, from the teams file. Local state is kept next to the synth output
 * folder (`<outdir>/../terraform.<stack>.tfstate`, i.e. the project root for `cdktf.out`) by a
 * relative path: an absolute one would bake this machine's path into cdk.tf.json
 * (cdktf-notes.md), and a path inside cdktf.out would be lost whenever that folder is rebuilt.
 */
import { GcsBackend, LocalBackend, type TerraformStack } from "cdktf";
import type { Backend } from "../config";

/** Relative to the stack's working directory, `<outdir>/stacks/<stack>/`. */
export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

export function addBackend(stack: TerraformStack, backend: Backend): void {
  const name = stack.node.id;
  if (backend.type === "gcs") new GcsBackend(stack, { bucket: backend.bucket, prefix: `${backend.prefix}/${name}` });
  else new LocalBackend(stack, { path: localStatePath(name) });
}
