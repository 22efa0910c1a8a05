/**
 * An implied local mirror: `terraform.d/plugins/HOST/NS/TYPE/VERSION/PLATFORM/terraform-provider-TYPE_vVERSION`
 * inside a working directory, which an offline `terraform init` installs from. Terraform uses it
 * only when the CLI config has no `provider_installation` block.
 *
 * The mirrored file is a two-line launcher that requires the bundled provider by absolute path.
 * Terraform's lock file hashes the mirrored package; because the launcher does not change when the
 * bundle is rebuilt, a rebuild under the same version does not break existing lock files.
 *
 * The stacks of one synth share one mirror: each stack's `terraform.d` is a relative symlink to
 * it (linkImpliedMirror), which Terraform follows (1.11: init installs through it).
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readlinkSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
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

/** Where, in a synth's output folder, its stacks' shared mirror lives. */
export const SHARED_MIRROR_DIR = ".provider-mirror";

/** Shared launchers this process wrote, with the bundle each one launches. */
const sharedWritten = new Map<string, string>();

/**
 * Makes `workingDir/terraform.d` a relative symlink to one mirror in `sharedDir` (written once per
 * process and bundle, again if it went missing) instead of a tree of eight folders and a launcher per stack:
 * 100 stacks took ~90 ms that way against ~23 ms linked (4 runs each), and the file system's
 * time was what made the synthesis benchmark swing. Where an earlier synth left a real folder,
 * or the file system refuses symlinks, the stack gets its own tree as before. Returns the
 * launcher's path as seen from `workingDir`.
 */
export function linkImpliedMirror(workingDir: string, sharedDir: string, options: MirrorOptions = {}): string {
  const shared = impliedMirrorPath(sharedDir, options);
  const providerPath = options.providerPath ?? bundledProviderPath();
  if (sharedWritten.get(shared) !== providerPath || !existsSync(shared)) {
    writeImpliedMirror(sharedDir, { ...options, providerPath });
    sharedWritten.set(shared, providerPath);
  }
  const link = join(workingDir, "terraform.d");
  const target = relative(workingDir, join(sharedDir, "terraform.d"));
  if (!linkTo(link, target)) return writeImpliedMirror(workingDir, options);
  return impliedMirrorPath(workingDir, options);
}

/** True when `link` is (now) a symlink to `target`; false where a real folder is there or links cannot be made. */
function linkTo(link: string, target: string): boolean {
  const existing = lstatSync(link, { throwIfNoEntry: false });
  if (existing && !existing.isSymbolicLink()) return false;
  if (existing && readlinkSync(link) === target) return true;
  try {
    if (existing) unlinkSync(link); // a link to another place: only the link goes, never what it points at
    symlinkSync(target, link, "dir");
    return true;
  } catch {
    return false;
  }
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
