/**
 * cdktf captures a complete stack trace for every token it creates (each attribute reference and
 * each `Fn.*` call: dozens per team stack), with Error.stackTraceLimit raised to
 * MAX_SAFE_INTEGER and formatted on the spot, only to print it should that token later fail to
 * resolve. On a 100-team synthesis that was the largest cost after the resolve passes (user CPU
 * ~1.37 → ~1.10 s without it, 4 interleaved runs each; docs/benchmarks.md, "Synthesis").
 *
 * While this app builds and synthesizes, the capture returns no frames, unless
 * CVP_TOKEN_STACK_TRACES=1 (for someone debugging a synthesis error in their own constructs).
 * The function lives in a private cdktf file: should it move, nothing is patched and synthesis
 * is only slower (test/stacks/app/token-stack-traces.test.ts fails and says so).
 */
type StackTraceModule = { captureStackTrace: (below?: unknown) => string[] };

function cdktfStackTraceModule(): StackTraceModule | undefined {
  try {
    const module = require("cdktf/lib/tokens/private/stack-trace") as Partial<StackTraceModule>;
    return typeof module.captureStackTrace === "function" ? (module as StackTraceModule) : undefined;
  } catch {
    return undefined;
  }
}

const noFrames = (): string[] => [];

export function withoutTokenStackTraces<T>(run: () => T, env: NodeJS.ProcessEnv = process.env): T {
  const module = env.CVP_TOKEN_STACK_TRACES === "1" ? undefined : cdktfStackTraceModule();
  if (!module) return run();
  const original = module.captureStackTrace;
  module.captureStackTrace = noFrames;
  try {
    return run();
  } finally {
    module.captureStackTrace = original;
  }
}
