/**
 * What the construct library costs a user before it does anything (issue #8), against a bare
 * cdktf app, interleaved:
 *   runtime: `node -e` requiring the compiled library (dist/src/constructs: every public entry),
 *            a bare cdktf app (require cdktf + constructs, App + empty TerraformStack, synth), and
 *            the deployable app with one team — with `node -e 0` as Node's own floor;
 *   types:   `tsc --noEmit` (the project's TypeScript) of a tiny user app building one
 *            ClaudeCodeTeam vs the same tiny app with a TerraformOutput instead, cdktf only.
 * The issue sets no target; this bench picks ≤ 2 × the bare cdktf app at runtime (said in the notes).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../src/provider/install";
import { appCommand, requireBuiltApp, synthEnv, writeTeamsFile } from "./support/cdktf-app";
import { interleave } from "./support/interleave";
import { cpuTimes, describeMiB, type MeasuredRun, measuredRun } from "./support/measured-run";
import type { BenchResult, Figure } from "./support/report";
import { describeMs, median, pairedRatio } from "./support/stats";

/** Chosen by this bench, not by the issue: the library may cost at most as much again as cdktf itself. */
export const IMPORT_RUNTIME_TARGET = 2;

/** The library's public entries under src/constructs (compiled to dist/src/constructs/<entry>.js). */
export const LIBRARY_ENTRIES = ["team/index", "portkey/index", "settings/index", "gcp/vertex-service-account", "l1/portkeyadmin/index", "l1/time/time-provider", "l1/time/time-rotating"] as const;

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "commonjs",
    moduleResolution: "node",
    lib: ["ES2023"],
    types: ["node"],
    strict: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
  },
  files: ["main.ts"],
};

/** The tiny user app with our library: a stack with the provider and one team (src imports: the package ships no .d.ts). */
function libraryUserApp(root: string): string {
  const src = (entry: string) => JSON.stringify(join(root, "src", "constructs", entry));
  return `import { App, TerraformStack } from "cdktf";
import { PortkeyadminProvider } from ${src("l1/portkeyadmin")};
import { ClaudeCodeTeam } from ${src("team")};

const app = new App();
const stack = new TerraformStack(app, "team-payments");
new PortkeyadminProvider(stack, "portkeyadmin", { baseUrl: "https://api.portkey.ai/v1" });
const team = new ClaudeCodeTeam(stack, "team", {
  name: "payments",
  integrationSlug: "vertex-claude",
  models: { opus: "claude-opus-5-5", sonnet: "claude-sonnet-5-5", haiku: "claude-haiku-5-5", default: "sonnet" },
  keys: [{ name: "claude-code", kind: "service" }],
  settings: { gatewayUrl: "https://api.portkey.ai" },
});
console.log(team.node.path);
app.synth();
`;
}

/** The same tiny app with cdktf only. */
const CDKTF_ONLY_USER_APP = `import { App, TerraformOutput, TerraformStack } from "cdktf";

const app = new App();
const stack = new TerraformStack(app, "team-payments");
const output = new TerraformOutput(stack, "summary", { value: { team: "payments" } });
console.log(output.node.path);
app.synth();
`;

const ratioFigure = (name: string, a: MeasuredRun[], b: MeasuredRun[], labels: [string, string], target?: number): Figure => {
  const { ratio, low, high } = pairedRatio(
    a.map((r) => r.ms),
    b.map((r) => r.ms),
  );
  return {
    name,
    ratio,
    target,
    detail: `${labels[0]} ${describeMs(a.map((r) => r.ms))}, peak ${describeMiB(a.map((r) => r.maxRssKb))}; ${labels[1]} ${describeMs(b.map((r) => r.ms))}, peak ${describeMiB(b.map((r) => r.maxRssKb))}; per-rep ratio ${low.toFixed(2)}–${high.toFixed(2)}`,
  };
};

export async function importCostBench(runtimeReps: number, typeReps: number, log: (line: string) => void): Promise<BenchResult> {
  requireBuiltApp();
  const root = packageRoot();
  const work = mkdtempSync(join(tmpdir(), "import-bench-"));
  let runs = 0;
  try {
    const teamsFile = join(work, "teams-1.json");
    writeTeamsFile(teamsFile, 1);
    const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
    const outdir = () => join(work, `out-${runs++}`);
    const node = (script: string) => async () => {
      const out = outdir();
      try {
        return await measuredRun(process.execPath, ["-e", script], { cwd: root, env: { ...env, CDKTF_OUTDIR: out } });
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    };
    const libraryScript = LIBRARY_ENTRIES.map((entry) => `require(${JSON.stringify(join(root, "dist", "src", "constructs", `${entry}.js`))});`).join(" ");
    const bareScript = `require("cdktf"); require("constructs"); const { App, TerraformStack } = require("cdktf"); const app = new App(); new TerraformStack(app, "empty"); app.synth();`;

    const runtime = await interleave(
      {
        library: node(libraryScript),
        bare: node(bareScript),
        app: async () => {
          const out = outdir();
          try {
            return await measuredRun(appCommand(), [], { cwd: root, env: { ...synthEnv(out, teamsFile), CVP_GCP: "off" }, shell: true });
          } finally {
            rmSync(out, { recursive: true, force: true });
          }
        },
        node: node("0"),
      },
      { reps: runtimeReps, warmups: 1, onRound: (round) => log(`imports: runtime round ${round + 1}/${runtimeReps}`) },
    );

    // Type-check: each tiny app in its own temp dir, node_modules linked to the project's.
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const typescriptVersion = (JSON.parse(readFileSync(join(root, "node_modules", "typescript", "package.json"), "utf8")) as { version: string }).version;
    const prepare = (dir: string, source: string) => {
      mkdirSync(dir);
      symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
      writeFileSync(join(dir, "main.ts"), source);
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    };
    const withLibrary = join(work, "user-app-with-library");
    const cdktfOnly = join(work, "user-app-cdktf-only");
    prepare(withLibrary, libraryUserApp(root));
    prepare(cdktfOnly, CDKTF_ONLY_USER_APP);
    const typeCheck = (dir: string) => () => measuredRun(process.execPath, [tsc, "--noEmit", "-p", dir], { cwd: dir, env });
    const types = await interleave(
      { library: typeCheck(withLibrary), cdktf: typeCheck(cdktfOnly) },
      { reps: typeReps, warmups: 1, onRound: (round) => log(`imports: tsc round ${round + 1}/${typeReps}`) },
    );

    const floor = median(runtime.node.map((r) => r.ms));
    const aboveFloor = (xs: MeasuredRun[]) => median(xs.map((r) => r.ms)) - floor;
    const figures: Figure[] = [
      ratioFigure("runtime: require the library vs a bare cdktf app (require, App + empty stack, synth)", runtime.library, runtime.bare, ["library", "bare cdktf app"], IMPORT_RUNTIME_TARGET),
      ratioFigure("runtime: the app with 1 team (`cdktf synth`'s app command) vs a bare cdktf app", runtime.app, runtime.bare, ["app, 1 team", "bare cdktf app"], IMPORT_RUNTIME_TARGET),
      {
        name: "runtime above Node's own start-up (`node -e 0`): require the library vs a bare cdktf app",
        ratio: aboveFloor(runtime.library) / aboveFloor(runtime.bare),
        detail: `library +${aboveFloor(runtime.library).toFixed(0)} ms, bare cdktf app +${aboveFloor(runtime.bare).toFixed(0)} ms, app with 1 team +${aboveFloor(runtime.app).toFixed(0)} ms over \`node -e 0\` ${describeMs(runtime.node.map((r) => r.ms))}, peak ${describeMiB(runtime.node.map((r) => r.maxRssKb))}`,
      },
      ratioFigure("type-check: `tsc --noEmit` of a tiny app with the library vs the same app with cdktf only", types.library, types.cdktf, ["with the library", "cdktf only"]),
    ];
    // CPU time (user + system) moves less than wall time when other work shares the cores.
    const cpuFigure = (name: string, a: MeasuredRun[], b: MeasuredRun[]): Figure | undefined => {
      const [ca, cb] = [cpuTimes(a), cpuTimes(b)];
      if (!ca || !cb) return undefined;
      const { ratio, low, high } = pairedRatio(ca, cb);
      return { name, ratio, detail: `${describeMs(ca)} vs ${describeMs(cb)} of CPU; per-rep ratio ${low.toFixed(2)}–${high.toFixed(2)}` };
    };
    for (const figure of [
      cpuFigure("runtime CPU time: require the library vs a bare cdktf app", runtime.library, runtime.bare),
      cpuFigure("runtime CPU time: the app with 1 team vs a bare cdktf app", runtime.app, runtime.bare),
      cpuFigure("type-check CPU time: with the library vs cdktf only", types.library, types.cdktf),
    ]) {
      if (figure) figures.push(figure);
    }
    return {
      title: "Import cost of the library",
      figures,
      notes: [
        `Runtime: each variant is a fresh \`node\` process in the project root, spawn → exit, interleaved after one warm-up round, ${runtimeReps} repetitions. "Require the library" loads ${LIBRARY_ENTRIES.map((e) => `\`${e}\``).join(", ")} from dist/src/constructs (every public entry; the google and time L1 classes come in through \`gcp/vertex-service-account\`). The runtime target (≤ ${IMPORT_RUNTIME_TARGET}× a bare cdktf app) is this bench's choice; the issue sets none.`,
        `Type-check: \`tsc --noEmit\` (node_modules/typescript, TS ${typescriptVersion}) of a one-file app in a temp dir whose node_modules links to the project's, strict, skipLibCheck, ${typeReps} interleaved repetitions after one warm-up; no target. The library app imports the TypeScript sources (the package emits no .d.ts), so its figure includes checking the library's own code, as any consumer inside this repository pays today.`,
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
