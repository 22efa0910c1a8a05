/**
 * The client chunk is loaded through V8's code cache (src/provider/code-cache.ts). A cache is
 * used only for the exact source it was made from, on the same Node and machine; anything else
 * falls back to compiling the file, and the module still loads.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CODE_CACHE_SUFFIX, requireWithCodeCache, writeCodeCache } from "../../src/provider/code-cache";
import { bundledProviderPath, CLIENT_CHUNK } from "../../src/provider/install";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "code-cache-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A CommonJS module with enough code for V8 to cache; `answer` tells which source ran. */
function writeModule(answer: string): string {
  const file = join(dir, "module.js");
  const helpers = Array.from({ length: 50 }, (_, i) => `function helper${i}(x) { return x + ${i}; }`).join("\n");
  writeFileSync(file, `${helpers}\nconst path = require("node:path");\nmodule.exports = { answer: ${JSON.stringify(answer)}, sep: path.sep, where: __filename, line: new Error().stack.split("\\n")[1] };\n`);
  return file;
}

const codeCacheModule = resolve(__dirname, "../../dist/src/provider/code-cache.js");
const tuning = resolve(__dirname, "../../dist/src/provider/v8-tuning.js");

/**
 * Loads `file` in a fresh Node tuned for `lifetime` (the built code-cache module): in this
 * process V8 would answer a source it compiled before from its own in-memory cache and never
 * read the file's cache.
 */
function loadInFreshNode(file: string, lifetime: "one-command" | "warm" = "one-command"): { cache: string; exports: Record<string, unknown> } {
  for (const needed of [codeCacheModule, tuning]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: run \`npm run build\` before the tests.`);
  }
  const script = [
    `require(${JSON.stringify(tuning)}).tuneV8(${JSON.stringify(lifetime)});`,
    `const loaded = require(${JSON.stringify(codeCacheModule)}).requireWithCodeCache(${JSON.stringify(file)});`,
    'process.stdout.write(JSON.stringify(loaded, (_, value) => (typeof value === "function" ? "function" : value)));',
  ].join("\n");
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

/** Writes the cache the way `npm run build` does: in a process tuned as Terraform's are. */
function writeCacheInFreshNode(file: string): void {
  const script = `require(${JSON.stringify(tuning)}).tuneV8("one-command"); require(${JSON.stringify(codeCacheModule)}).writeCodeCache(${JSON.stringify(file)});`;
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
}

describe("requireWithCodeCache", () => {
  it("loads the module from its cache, with Node's CommonJS wrapper, filename and line numbers", () => {
    const file = writeModule("cached");
    writeCacheInFreshNode(file);
    const loaded = loadInFreshNode(file);
    expect(loaded.cache).toBe("used");
    expect(loaded.exports).toMatchObject({ answer: "cached", sep: "/", where: resolve(file) });
    // The error was made on line 52 of the file (50 helpers, the require, then the export).
    expect(loaded.exports.line).toContain(`${resolve(file)}:52:`);
  });

  it("compiles the file as usual when V8 refuses the cache (made under other flags)", () => {
    const file = writeModule("warm");
    writeCacheInFreshNode(file);
    expect(loadInFreshNode(file, "warm")).toMatchObject({ cache: "rejected", exports: { answer: "warm" } });
  });

  it("compiles the file when there is no cache", () => {
    expect(requireWithCodeCache(writeModule("plain"))).toMatchObject({ cache: "none", exports: { answer: "plain" } });
  });

  it("never runs a cache made from another source of the same length", () => {
    const file = writeModule("first");
    writeCodeCache(file);
    const before = readFileSync(file, "utf8");
    writeModule("other"); // same length: V8's own check would take the stale bytecode
    expect(readFileSync(file, "utf8")).toHaveLength(before.length);
    expect(requireWithCodeCache(file)).toMatchObject({ cache: "stale", exports: { answer: "other" } });
  });

  it("ignores a cache made by another Node version", () => {
    const file = writeModule("versioned");
    writeCodeCache(file);
    const cache = readFileSync(file + CODE_CACHE_SUFFIX, "latin1");
    writeFileSync(file + CODE_CACHE_SUFFIX, cache.replace(` ${process.version} `, " v0.0.0 "), "latin1");
    expect(requireWithCodeCache(file)).toMatchObject({ cache: "stale", exports: { answer: "versioned" } });
  });

  it("never hands V8 a damaged or truncated cache, and still loads the module", () => {
    const file = writeModule("damaged");
    writeCodeCache(file);
    const cache = readFileSync(file + CODE_CACHE_SUFFIX);
    const flipped = Buffer.from(cache);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] ?? 0) ^ 0xff;
    writeFileSync(file + CODE_CACHE_SUFFIX, flipped);
    expect(requireWithCodeCache(file)).toMatchObject({ cache: "damaged", exports: { answer: "damaged" } });
    writeFileSync(file + CODE_CACHE_SUFFIX, cache.subarray(0, cache.length - 100));
    expect(requireWithCodeCache(file).cache).toBe("damaged");
    writeFileSync(file + CODE_CACHE_SUFFIX, "not a cache");
    expect(requireWithCodeCache(file)).toMatchObject({ cache: "stale", exports: { answer: "damaged" } });
  });
});

describe("the built provider's client chunk", () => {
  const chunk = join(bundledProviderPath(), "..", CLIENT_CHUNK);

  it("has a code cache that a process Terraform starts (one command) takes", () => {
    for (const file of [chunk, chunk + CODE_CACHE_SUFFIX]) {
      if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the tests.`);
    }
    const loaded = loadInFreshNode(chunk);
    expect(loaded.cache).toBe("used");
    expect(loaded.exports.PortkeyClient).toBe("function");
  });

  it("is compiled as usual by the warm provider, whose V8 flags differ", () => {
    expect(loadInFreshNode(chunk, "warm").cache).toBe("rejected");
  });
});
