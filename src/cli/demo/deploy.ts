/**
 * `terraform init` + `apply` + `output -json` on synthesized stacks, through an injectable runner
 * (tests pass a fake): the first stacks one after another, then the rest in parallel. The first
 * failure stops every stack from starting another step, and is thrown with its stack and step
 * named; a terraform already running is left to finish, since killing an apply loses state.
 */
import type { TerraformRun } from "../run-terraform";
import { stackDir } from "./stack-files";

/** Runs `terraform <args>` in `cwd` with exactly `env` (secrets travel there, never in `args`). */
export type TerraformRunner = (cwd: string, args: string[], env: NodeJS.ProcessEnv) => Promise<TerraformRun>;

/** One output as `terraform output -json` reports it. */
export interface StackOutput {
  readonly value: unknown;
  readonly sensitive: boolean;
}

export type StackOutputs = Record<string, StackOutput>;

/** A terraform step that failed, naming the stack and the step. */
export class StackStepError extends Error {
  constructor(
    readonly stackName: string,
    readonly step: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DeployOptions {
  readonly runner: TerraformRunner;
  /** The synth output folder (stacks are in `<outdir>/stacks/<stack>`). */
  readonly outdir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly say: (line: string) => void;
  /** Also say when each step starts (real deployments take minutes). */
  readonly progress?: boolean;
  /** A fix to add to a failed step's message, from the step and its output. */
  readonly hint?: (step: string, output: string) => string | undefined;
}

/** Shared by the stacks deployed together: set by the first failure. */
interface Run {
  failure?: StackStepError;
}

class NotStarted extends Error {}

async function step(stack: string, args: string[], options: DeployOptions, run: Run): Promise<string> {
  if (run.failure) throw new NotStarted(stack);
  const what = `terraform ${args[0]} (${stack})`;
  if (options.progress) options.say(`  ${stack}: terraform ${args[0]}…`);
  let result: TerraformRun;
  try {
    result = await options.runner(stackDir(options.outdir, stack), args, options.env);
  } catch (error) {
    throw new StackStepError(stack, args[0], `${what} could not run: ${(error as Error).message}`);
  }
  if (result.code !== 0) {
    const hint = options.hint?.(args[0], result.output);
    throw new StackStepError(stack, args[0], `${what} failed (exit ${result.code}):\n${result.output.trimEnd()}${hint ? `\n${hint}` : ""}`);
  }
  return result.output;
}

async function deployOne(stack: string, options: DeployOptions, run: Run): Promise<StackOutputs> {
  try {
    await step(stack, ["init", "-input=false"], options, run);
    const applied = await step(stack, ["apply", "-auto-approve", "-input=false"], options, run);
    options.say(`  ${stack}: ${applied.match(/Apply complete!.*$/m)?.[0] ?? "applied"}`);
    const printed = await step(stack, ["output", "-json"], options, run);
    let outputs: Record<string, { value: unknown; sensitive?: boolean }>;
    try {
      outputs = JSON.parse(printed) as typeof outputs;
    } catch {
      throw new StackStepError(stack, "output", `terraform output (${stack}) did not print JSON.`);
    }
    return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, { value: output.value, sensitive: output.sensitive === true }]));
  } catch (error) {
    if (error instanceof StackStepError) run.failure ??= error;
    throw error;
  }
}

/** Deploy one stack on its own (init, apply, output). */
export function deployStack(stack: string, options: DeployOptions): Promise<StackOutputs> {
  return deployOne(stack, options, {});
}

/**
 * Deploy `first` one after another, then `parallel` together; returns each stack's outputs.
 * Throws the first failure; its message also names the stacks it kept from being applied.
 */
export async function deployStacks(first: readonly string[], parallel: readonly string[], options: DeployOptions): Promise<Record<string, StackOutputs>> {
  const run: Run = {};
  const outputs: Record<string, StackOutputs> = {};
  for (const [i, stack] of first.entries()) {
    try {
      outputs[stack] = await deployOne(stack, options, run);
    } catch (error) {
      throw withConsequences(error, [...first.slice(i + 1), ...parallel], []);
    }
  }
  const settled = await Promise.allSettled(parallel.map((stack) => deployOne(stack, options, run)));
  const rejected: { stack: string; reason: unknown }[] = [];
  settled.forEach((result, i) => {
    if (result.status === "fulfilled") outputs[parallel[i]] = result.value;
    else rejected.push({ stack: parallel[i], reason: result.reason });
  });
  if (rejected.length === 0) return outputs;
  const failure = run.failure;
  if (!failure) throw rejected[0].reason;
  const notApplied = rejected.filter((r) => r.reason instanceof NotStarted).map((r) => r.stack);
  const alsoFailed = rejected.filter((r) => r.reason instanceof StackStepError && r.reason !== failure).map((r) => `${r.stack} (terraform ${(r.reason as StackStepError).step})`);
  throw withConsequences(failure, notApplied, alsoFailed);
}

function withConsequences(error: unknown, notApplied: readonly string[], alsoFailed: readonly string[]): unknown {
  if (!(error instanceof StackStepError) || notApplied.length + alsoFailed.length === 0) return error;
  const lines = [error.message];
  if (notApplied.length > 0) lines.push(`Not applied because of it: ${notApplied.join(", ")}.`);
  if (alsoFailed.length > 0) lines.push(`Also failed: ${alsoFailed.join(", ")}.`);
  return new StackStepError(error.stackName, error.step, lines.join("\n"));
}
