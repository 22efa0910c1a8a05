/**
 * Bundles a provider main file into the executable JavaScript file Terraform runs as
 * `terraform-provider-<name>`: Node 20, CommonJS, shebang, mode 0755.
 *
 * The Portkey client (undici, zod: ~1.8 MB of the 2 MB) goes into a sibling file,
 * `portkey-client.js`, required on ConfigureProvider only. Terraform starts 3–5 provider processes
 * per command and several never configure; reading and compiling the client in each of them
 * doubled start-up (bench/provider-startup.ts).
 */
import { chmod } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { build, type Plugin } from "esbuild";

export const CLIENT_CHUNK = "portkey-client.js";

/** Resolve `require("../portkey")` to the sibling chunk instead of inlining it; records the module it stood for. */
function clientAsSiblingChunk(client: { entry?: string }): Plugin {
  return {
    name: "portkey-client-chunk",
    setup(plugin) {
      plugin.onResolve({ filter: /^\.\.\/portkey$/ }, (args) => {
        if (args.kind !== "require-call") return undefined; // type-only and static imports stay as they are
        client.entry = join(args.resolveDir, "..", "portkey", "index.ts");
        return { path: `./${CLIENT_CHUNK}`, external: true };
      });
    },
  };
}

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", logLevel: "silent", legalComments: "none" } as const;

export async function bundleProvider(entryFile: string, outFile: string): Promise<void> {
  const client: { entry?: string } = {};
  await build({ ...common, entryPoints: [entryFile], outfile: outFile, banner: { js: "#!/usr/bin/env node" }, plugins: [clientAsSiblingChunk(client)] });
  await chmod(outFile, 0o755);
  if (client.entry) await build({ ...common, entryPoints: [client.entry], outfile: join(dirname(outFile), CLIENT_CHUNK) });
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
