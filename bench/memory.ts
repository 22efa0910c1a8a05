/**
 * Provider memory on a large plan (issue 17 target: peak RSS ≤ 64 MiB on a 50-team plan).
 * Terraform starts the provider through a launcher that runs it under GNU `/usr/bin/time`, so
 * each process's peak RSS (maxrss) is recorded; the plan's largest process is the one that
 * refreshes every resource. Beside it: bare Node (`node -e 0`, the floor no Node provider can go
 * under) and the warm provider after the same plan (one process serving a whole job).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../src/cli/emulator";
import { REATTACH_VAR, reattachValue } from "../src/cli/warm/reattach-env";
import { startWarmProvider } from "../src/cli/warm/start-warm-provider";
import { bundledProviderPath, writeDevOverridesConfig } from "../src/provider/install";
import type { BenchResult } from "./support/report";
import { median } from "./support/stats";
import { providerStack } from "./support/team-set";
import { BENCH_ADMIN_KEY, TerraformDir } from "./support/terraform-dir";

export const RSS_TARGET_MIB = 64;
const GNU_TIME = "/usr/bin/time";
const mib = (kib: number) => kib / 1024;

/** A provider directory whose launcher records each process's peak RSS (KiB) in `log`. */
function measuringLauncher(dir: string, log: string): string {
  const launcher = join(dir, "terraform-provider-portkeyadmin");
  writeFileSync(launcher, `#!/bin/sh\nexec ${GNU_TIME} -a -o '${log}' -f '%M' '${process.execPath}' '${bundledProviderPath()}' "$@"\n`);
  chmodSync(launcher, 0o755);
  return writeDevOverridesConfig(join(dir, ".terraformrc"), dir);
}

function bareNodeKib(): number {
  const run = spawnSync(GNU_TIME, ["-f", "%M", process.execPath, "-e", "0"], { encoding: "utf8" });
  return Number(run.stderr.trim().split("\n").pop());
}

/** VmHWM: the peak resident set of a running process. */
function peakKib(pid: number): number {
  return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? Number.NaN);
}

export async function memoryBench(teams: number, reps: number, log: (line: string) => void): Promise<BenchResult> {
  if (spawnSync(GNU_TIME, ["--version"]).status !== 0) throw new Error(`${GNU_TIME} (GNU time) is missing: apt-get install time`);
  const emulator = await startEmulator({ adminKey: BENCH_ADMIN_KEY });
  const scratch = mkdtempSync(join(tmpdir(), "bench-memory-"));
  const rssLog = join(scratch, "rss.log");
  const cliConfig = measuringLauncher(scratch, rssLog);
  const largest: number[] = [];
  const others: number[] = [];
  const warmPeaks: number[] = [];
  const bare: number[] = [];
  try {
    for (let rep = 0; rep < reps; rep++) {
      log(`memory: ${teams} teams, round ${rep + 1}/${reps}`);
      emulator.reset();
      const tf = new TerraformDir();
      try {
        tf.configure(providerStack(teams, emulator.adminUrl));
        await tf.apply();
        const applied = readFileSync(join(tf.dir, "terraform.tfstate"));
        rmSync(rssLog, { force: true });
        const measured = new TerraformDir({ TF_CLI_CONFIG_FILE: cliConfig });
        try {
          measured.configure(providerStack(teams, emulator.adminUrl));
          writeFileSync(join(measured.dir, "terraform.tfstate"), applied);
          const plan = await measured.plan();
          if (plan.code !== 0) throw new Error(`the plan is not empty in ${measured.dir}`);
        } finally {
          measured.remove();
        }
        const peaks = readFileSync(rssLog, "utf8").trim().split("\n").map(Number).sort((a, b) => b - a);
        largest.push(peaks[0] ?? Number.NaN);
        others.push(...peaks.slice(1));
        // The same plan on a warm provider: its peak after serving it.
        const warm = await startWarmProvider({ ...process.env, CHECKPOINT_DISABLE: "1", PORTKEY_API_KEY: BENCH_ADMIN_KEY });
        try {
          const reattached = new TerraformDir({ [REATTACH_VAR]: reattachValue(warm, undefined) });
          try {
            reattached.configure(providerStack(teams, emulator.adminUrl));
            writeFileSync(join(reattached.dir, "terraform.tfstate"), applied);
            await reattached.plan();
            warmPeaks.push(peakKib(warm.pid));
          } finally {
            reattached.remove();
          }
        } finally {
          await warm.stop();
        }
        bare.push(bareNodeKib());
      } finally {
        tf.remove();
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await emulator.close();
  }
  const peak = mib(median(largest));
  const floor = mib(median(bare));
  const range = (xs: number[]) => `${mib(Math.min(...xs)).toFixed(1)}–${mib(Math.max(...xs)).toFixed(1)} MiB`;
  return {
    title: "Provider memory",
    figures: [
      {
        name: `plan, ${teams} teams: the provider's largest process, peak RSS vs ${RSS_TARGET_MIB} MiB`,
        ratio: peak / RSS_TARGET_MIB,
        target: 1,
        detail: `peak RSS ${peak.toFixed(1)} MiB (${range(largest)}, n ${largest.length}); the plan's other provider processes (schema, validation) ${range(others)}`,
      },
      {
        name: `plan, ${teams} teams: the provider's largest process vs bare Node (\`node -e 0\`)`,
        ratio: peak / floor,
        detail: `bare Node ${floor.toFixed(1)} MiB (${range(bare)}): ${((floor / RSS_TARGET_MIB) * 100).toFixed(0)} % of the ${RSS_TARGET_MIB} MiB target before any provider code runs`,
      },
      {
        name: `plan, ${teams} teams: the warm provider after serving it vs ${RSS_TARGET_MIB} MiB`,
        ratio: mib(median(warmPeaks)) / RSS_TARGET_MIB,
        detail: `peak RSS (VmHWM) ${mib(median(warmPeaks)).toFixed(1)} MiB (${range(warmPeaks)}); one process for every command of a job, with the optimizing compiler on (src/provider/v8-tuning.ts)`,
      },
    ],
    notes: [
      `Each round applies ${teams} teams with the normal provider, then plans the same state with the provider started through a launcher that runs it under GNU \`/usr/bin/time\` (%M per process), then plans it again on a freshly started warm provider and reads its VmHWM. Node ${process.version}.`,
      "Why the one-command process is not under 64 MiB (profile of 2026-12-04, Node 20, heap snapshot of the plan process at its peak; `v8.writeHeapSnapshot` from a `--require` hook): bare Node is ~39 MiB of it; the live heap is only 9.2 MiB (strings 2.7 MiB, of which 1.1 MB are the two bundles' sources; bytecode 2.0 MiB; arrays 1.2 MiB; object shapes 1.0 MiB), the rest is heap V8 keeps between collections (heapTotal ~20 MiB) and code. What was cut (src/provider/v8-tuning.ts, the zod namespace import): 110 → ~72 MiB. What would cut the rest is a heap cap: `--max-old-space-size=16` gave 62.5 MiB but ran ~15 % slower, and 12 failed the plan; a cap that fails large stacks is not a trade this tool makes. Node 22's bare process is larger still (43 MiB).",
    ],
  };
}
