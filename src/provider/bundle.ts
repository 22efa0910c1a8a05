/**
 * Bundles a provider main file into the executable JavaScript file Terraform runs as
 * `terraform-provider-<name>`: Node 20, CommonJS, shebang, mode 0755.
 *
 * The Portkey client (undici, zod: ~1.8 MB of the 2 MB) goes into a sibling file,
 * `portkey-client.js`, required on ConfigureProvider only. Terraform starts 3–5 provider processes
 * per command and several never configure; reading and compiling the client in each of them
 * doubled start-up (bench/provider-startup.ts).
 *
 * In that chunk, `undici` is only its Agent and request API: the client needs nothing else, and
 * undici's index (fetch, WebSocket, caches, mocks) made the chunk 1.9 MB instead of 1.3 MB and
 * its require ~195 ms instead of ~150 ms, paid by every ConfigureProvider (5 runs each of
 * `node -e "require('./dist/provider/portkey-client.js')"` with timing).
 *
 * Both files are minified in whitespace and syntax, not in names (stack traces stay readable):
 * V8 pre-parses every function of a file it loads, and the chunk went 0.80 → 0.59 MB, its require
 * ~59 → ~41 ms (5 runs each, Node 20). The bundle then loads the chunk through V8's code cache,
 * which the built provider itself writes beside it (`--write-code-cache`, src/provider/code-cache.ts).
 */
import { spawnSync } from "node:child_process";
import { chmod } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { build, type Plugin } from "esbuild";
import { CLIENT_CHUNK } from "./install/address";

/**
 * Resolve `require("../portkey")` to a loader of the sibling chunk (through its code cache)
 * instead of inlining it; records the module it stood for.
 */
function clientAsSiblingChunk(client: { entry?: string }): Plugin {
  return {
    name: "portkey-client-chunk",
    setup(plugin) {
      plugin.onResolve({ filter: /^\.\.\/portkey$/ }, (args) => {
        if (args.kind !== "require-call") return undefined; // type-only and static imports stay as they are
        client.entry = join(args.resolveDir, "..", "portkey", "index.ts");
        return { path: join(args.resolveDir, "code-cache.ts"), namespace: "client-chunk-loader" };
      });
      plugin.onLoad({ filter: /.*/, namespace: "client-chunk-loader" }, (args) => ({
        contents: [
          `const { requireWithCodeCache } = require(${JSON.stringify(args.path)});`,
          `module.exports = requireWithCodeCache(require("node:path").join(__dirname, ${JSON.stringify(CLIENT_CHUNK)})).exports;`,
        ].join("\n"),
        loader: "js",
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/** The subset of undici the Admin API client uses (`new Agent()`, `dispatcher.request()`), by its lib paths. */
export const SLIM_UNDICI = [
  'const Dispatcher = require("undici/lib/dispatcher/dispatcher.js");',
  // undici's index attaches request/stream/… to every dispatcher the same way.
  'Object.assign(Dispatcher.prototype, require("undici/lib/api/index.js"));',
  'module.exports = { Agent: require("undici/lib/dispatcher/agent.js") };',
].join("\n");

function slimUndici(projectRoot: string): Plugin {
  return {
    name: "slim-undici",
    setup(plugin) {
      plugin.onResolve({ filter: /^undici$/ }, () => ({ path: "undici-slim", namespace: "slim-undici" }));
      plugin.onLoad({ filter: /.*/, namespace: "slim-undici" }, () => ({ contents: SLIM_UNDICI, loader: "js", resolveDir: projectRoot }));
    },
  };
}

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", logLevel: "silent", legalComments: "none", minifyWhitespace: true, minifySyntax: true } as const;

export async function bundleProvider(entryFile: string, outFile: string): Promise<void> {
  const client: { entry?: string } = {};
  await build({ ...common, entryPoints: [entryFile], outfile: outFile, banner: { js: "#!/usr/bin/env node" }, plugins: [clientAsSiblingChunk(client)] });
  await chmod(outFile, 0o755);
  if (client.entry) {
    const projectRoot = join(dirname(client.entry), "..", "..");
    await build({ ...common, entryPoints: [client.entry], outfile: join(dirname(outFile), CLIENT_CHUNK), plugins: [slimUndici(projectRoot)] });
    writeClientCodeCache(outFile);
  }
}

/** The provider writes its chunk's code cache itself, so the cache is made under the V8 flags it runs with. */
function writeClientCodeCache(providerFile: string): void {
  const run = spawnSync(process.execPath, [providerFile, "--write-code-cache"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`writing the client chunk's code cache failed (exit ${run.status}): ${run.stderr.slice(-2000)}`);
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
