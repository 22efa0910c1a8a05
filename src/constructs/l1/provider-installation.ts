/**
 * How `terraform init` finds the portkeyadmin provider after `cdktf synth`, with no registry and no
 * hand-edited ~/.terraformrc: when the stack is synthesized, an implied local mirror
 * (`terraform.d/plugins/HOST/NS/TYPE/VERSION/OS_ARCH/…`, a launcher of the bundled provider) is
 * linked next to cdk.tf.json (one mirror per synth, in cdktf.out/.provider-mirror, and a relative
 * `terraform.d` symlink per stack). `cdktf deploy` runs `terraform init` in that folder, and Terraform
 * installs from `terraform.d/plugins` in its working directory when the CLI config has no
 * `provider_installation` block (a config that has one must list this provider itself).
 *
 * The provider's entry in the stack's `.terraform.lock.hcl` is written too (src/provider/install/
 * lock-file.ts): without it cdktf-cli follows the first `terraform init` with
 * `terraform providers lock`, which asks the (non-existent) terraform.local registry and fails.
 *
 * The stack's synthesizer (a public cdktf seam) is wrapped once per stack; the launcher holds an
 * absolute path to this machine's bundle, which is fine for cdktf.out (never committed).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type ISynthesisSession, type TerraformProvider, TerraformStack } from "cdktf";
import { bundledProviderPath, linkImpliedMirror, providerVersion, SHARED_MIRROR_DIR, writeProviderLock } from "../../provider/install";

/** required_providers pins the version the mirror holds: the package's own. */
export function providerVersionConstraint(): string {
  return providerVersion();
}

const wrapped = new WeakSet<TerraformStack>();

/** Make synthesizing the provider's stack also write the provider mirror into the stack folder. */
export function installProviderOnSynth(provider: TerraformProvider): void {
  const stack = TerraformStack.of(provider);
  if (wrapped.has(stack)) return;
  wrapped.add(stack);
  const inner = stack.synthesizer;
  stack.synthesizer = {
    synthesize(session: ISynthesisSession): void {
      inner.synthesize(session);
      const providerPath = bundledProviderPath();
      if (!existsSync(providerPath)) {
        throw new Error(`Stack "${stack.node.id}" uses the portkeyadmin provider, but its bundle ${providerPath} is missing: run \`npm run build\` in the claude-vertex-portkey package, then synthesize again.`);
      }
      const workingDir = join(session.outdir, session.manifest.forStack(stack).workingDirectory);
      linkImpliedMirror(workingDir, join(session.outdir, SHARED_MIRROR_DIR), { providerPath });
      writeProviderLock(workingDir);
    },
  };
}
