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
import { MEMORY_LAYERS, memoryLayers } from "./support/memory-layers";
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
  const layers: number[][] = [];
  const codeCache = new Set<string>();
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
        const loaded = memoryLayers();
        layers.push(loaded.kib);
        codeCache.add(loaded.codeCache);
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
  const layerMib = MEMORY_LAYERS.map((_, i) => mib(median(layers.map((round) => round[i] ?? Number.NaN))));
  const loadedMib = layerMib[layerMib.length - 1] ?? Number.NaN;
  const steps = MEMORY_LAYERS.map((name, i) => (i === 0 ? `${name} ${layerMib[0]?.toFixed(1)} MiB` : `${name} +${((layerMib[i] ?? 0) - (layerMib[i - 1] ?? 0)).toFixed(1)}`)).join("; ");
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
        name: `the plan process's code loaded, before it serves anything, vs ${RSS_TARGET_MIB} MiB`,
        ratio: loadedMib / RSS_TARGET_MIB,
        detail: `${loadedMib.toFixed(1)} MiB (VmRSS, one fresh process per round, n ${layers.length}): ${steps}; the client chunk's code cache: ${[...codeCache].join(", ")}. Serving the ${teams}-team plan adds the other ${(peak - loadedMib).toFixed(1)} MiB of the peak`,
      },
      {
        name: `plan, ${teams} teams: the warm provider after serving it vs ${RSS_TARGET_MIB} MiB`,
        ratio: mib(median(warmPeaks)) / RSS_TARGET_MIB,
        detail: `peak RSS (VmHWM) ${mib(median(warmPeaks)).toFixed(1)} MiB (${range(warmPeaks)}); one process for every command of a job, with the optimizing compiler on (src/provider/v8-tuning.ts)`,
      },
    ],
    notes: [
      `Each round applies ${teams} teams with the normal provider, then plans the same state with the provider started through a launcher that runs it under GNU \`/usr/bin/time\` (%M per process), then plans it again on a freshly started warm provider and reads its VmHWM. Node ${process.version}.`,
      "Why the one-command process is not under 64 MiB (profiles of 2026-12-04, Node 20): the layers above. Bare Node is ~39–41 MiB. Compiling and instantiating undici's llhttp, the only WebAssembly the provider runs, adds ~3.3 MiB by itself, and most of it is the node binary's own code: V8 11.3 compiles the wrappers for llhttp's JavaScript callbacks with TurboFan even under `--no-opt` (this V8 has no generic wasm-to-JS wrapper), and that touches ~2 MiB of TurboFan's code; Liftoff, the wasm engine and the module add ~1.2 MiB (smaps of a process that compiles a one-function module with and without a JavaScript import; lazy compilation and the non-SIMD build change nothing). The design card fixes undici as the HTTP client, so this part stays. Serving the plan then grows the old generation with objects promoted from the 1 MiB young generation until the first full collection (~1 s in); live heap at the peak is ~9 MiB (heap snapshot: strings 2.7 MiB, 1.1 MB of them the two bundles' sources; bytecode 2.0 MiB). Tried and measured on this plan, 3 runs each, none under 65 MiB: `--optimize-for-size`, `--no-sparkplug`, `--max-lazy`, `--heap-growing-percent=20`, `--initial-old-space-size` 4 and 8, `--max-semi-space-size=1`, `--single-threaded-gc`, `--v8-pool-size=1`, `MALLOC_ARENA_MAX=1`, the tuning flags on the command line instead of at run time, a forced full collection whenever the heap grew 2 MiB; a larger young generation made it worse (68.9 and 72.0 MiB at 2 and 4 MiB semi-spaces). Only a heap cap goes under: `--max-old-space-size=24` gave 64.2–64.5 MiB and 16 gave 62.5 MiB, ~15 % slower, and 12 failed the plan; a cap that fails large stacks is not a trade this tool makes. Node 22's bare process is larger still (43 MiB).",
    ],
  };
}
