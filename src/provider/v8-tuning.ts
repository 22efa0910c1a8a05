/**
 * V8 settings for the provider. Set at run time (a `#!/usr/bin/env node` launcher cannot pass
 * flags portably: Alpine's env has no -S), before the client chunk loads.
 *
 * Measured on a 50-team plan (the plan process, median of 8 interleaved runs, Node 20):
 * peak RSS 110 → ~72 MiB and the command ~5 % faster with all three (issue 17, docs/benchmarks.md).
 * Set on the first RPC, not at start: at start they saved ~3 MiB more but cost ~2 ms of a ~77 ms
 * start-up (bench/startup.ts, 2 × 20 runs each), which the start-up target cannot spare.
 */

/** Every process: undici parses HTTP/1 with llhttp compiled to WebAssembly; its optimizing tier cost ~18 MiB RSS. */
const ALWAYS = ["--liftoff-only"];

/**
 * A process Terraform starts lives for one command (under a second to a few seconds): the
 * optimizing compiler's work rarely pays back there, and its zones and code were ~20 MiB of
 * RSS; a young generation that does not grow saved ~10 MiB more. A warm provider serves a
 * whole CI job, so it keeps both.
 */
const SHORT_LIVED = ["--no-opt", "--semi-space-growth-factor=1"];

export function tuneV8(lifetime: "one-command" | "warm"): void {
  // Required here, not imported: a top-level import would load node:v8 before the handshake line.
  const { setFlagsFromString } = require("node:v8") as typeof import("node:v8");
  for (const flag of lifetime === "warm" ? ALWAYS : [...ALWAYS, ...SHORT_LIVED]) setFlagsFromString(flag);
}
