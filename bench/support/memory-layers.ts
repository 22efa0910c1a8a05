/**
 * Where a provider process's resident memory comes from before it serves anything: one Node
 * process loads, step by step, what the plan process loads, and reads its VmRSS after each step.
 * The steps follow the plan process's order: V8 tuned for one command and the gRPC/AutoMTLS
 * modules (first RPC), the Admin API client chunk through its code cache (ConfigureProvider),
 * then undici's HTTP/1 parser, llhttp, which is WebAssembly compiled and instantiated on the
 * first request.
 */
import { spawnSync } from "node:child_process";
import { builtProviderModule, clientChunkBeside } from "./built-provider";

export const MEMORY_LAYERS = [
  "bare Node",
  "+ V8 tuning, node:http2, node:tls, node:crypto (gRPC server, AutoMTLS)",
  "+ the Admin API client chunk (undici, zod, the client), through its code cache",
  "+ undici's llhttp WebAssembly, compiled and instantiated",
] as const;

/** Runs in the child: prints one VmRSS (KiB) per layer, then the code cache's outcome. */
const LAYERS_SCRIPT = `
const fs = require("node:fs");
const rss = () => Number(/VmRSS:\\s+(\\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))[1]);
const [tuning, codeCache, chunk, wasm] = process.argv.slice(1);
const out = [rss()];
require(tuning).tuneV8("one-command");
require("node:http2"); require("node:tls"); require("node:crypto");
out.push(rss());
const { cache } = require(codeCache).requireWithCodeCache(chunk);
out.push(rss());
const mod = new WebAssembly.Module(require(wasm));
const imports = {};
for (const i of WebAssembly.Module.imports(mod)) (imports[i.module] ??= {})[i.name] = () => 0;
new WebAssembly.Instance(mod, imports);
out.push(rss());
process.stdout.write(out.join(" ") + " " + cache);
`;

/** VmRSS in KiB after each of MEMORY_LAYERS, from one fresh process, and how the chunk was loaded. */
export function memoryLayers(): { kib: number[]; codeCache: string } {
  // The variant undici loads on x64 (lib/dispatcher/client-h1.js, lazyllhttp).
  const wasm = require.resolve("undici/lib/llhttp/llhttp_simd-wasm.js");
  const args = ["-e", LAYERS_SCRIPT, builtProviderModule("v8-tuning.js"), builtProviderModule("code-cache.js"), clientChunkBeside(), wasm];
  const run = spawnSync(process.execPath, args, { encoding: "utf8" });
  const words = run.stdout.trim().split(" ");
  const kib = words.slice(0, MEMORY_LAYERS.length).map(Number);
  if (run.status !== 0 || words.length !== MEMORY_LAYERS.length + 1 || kib.some((n) => !Number.isFinite(n))) {
    throw new Error(`measuring the memory layers failed (exit ${run.status}): ${run.stderr.slice(-2000)}`);
  }
  return { kib, codeCache: words[MEMORY_LAYERS.length] ?? "" };
}
