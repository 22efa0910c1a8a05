/**
 * Bundles a provider main file into the single executable JavaScript file Terraform runs as
 * `terraform-provider-<name>`: Node 20, CommonJS, one file, shebang, mode 0755.
 */
import { chmod } from "node:fs/promises";
import { basename, join } from "node:path";
import { build } from "esbuild";

export async function bundleProvider(entryFile: string, outFile: string): Promise<void> {
  await build({
    entryPoints: [entryFile],
    outfile: outFile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    banner: { js: "#!/usr/bin/env node" },
    logLevel: "silent",
    legalComments: "none",
  });
  await chmod(outFile, 0o755);
}

/**
 * `node dist/src/provider/bundle.js`: bundle the provider into dist/provider/ (part of
 * `npm run build`). The file-name check keeps this from running when bundle.ts is itself
 * bundled into another program (e.g. bench/provider-startup.ts), where `require.main === module`.
 */
if (require.main === module && basename(__filename, ".js") === "bundle") {
  const root = join(__dirname, "..", "..", "..");
  const out = join(root, "dist", "provider", "terraform-provider-portkeyadmin");
  bundleProvider(join(root, "src", "provider", "main.ts"), out).then(
    () => process.stdout.write(`bundled ${out}\n`),
    (error: unknown) => {
      process.stderr.write(`bundling the provider failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
