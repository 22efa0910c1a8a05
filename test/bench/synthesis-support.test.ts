/**
 * The pieces of `npm run bench` that decide what the synthesis benchmark measures and what
 * docs/benchmarks.md keeps: generated teams files are valid and the size asked for, and a subset
 * run replaces only its own sections, keeping the others and the hand-written notes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KEEP_MARKER, mergeBenchmarksDoc } from "../../bench/support/benchmarks-doc";
import { synthEnv, writeTeamsFile } from "../../bench/support/cdktf-app";
import { loadTeamsFile } from "../../stacks/config";

describe("generated teams files", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "teams-gen-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("loads with the asked-for number of uniquely named teams of the example's first shape", () => {
    const file = join(dir, "teams-100.json");
    writeTeamsFile(file, 100);
    const config = loadTeamsFile(file);
    expect(config.teams).toHaveLength(100);
    expect(new Set(config.teams.map((t) => t.name)).size).toBe(100);
    expect(config.teams[0].name).toBe("payments-001");
    expect(config.teams[99].keys.map((k) => k.name)).toEqual(config.teams[0].keys.map((k) => k.name));
  });
});

describe("the app's environment", () => {
  it("is what cdktf-cli gives the app command, without Terraform variables", () => {
    process.env.TF_VAR_secret = "x";
    try {
      const env = synthEnv("/tmp/out", "/tmp/teams.json");
      expect(env).toMatchObject({ CDKTF_OUTDIR: "/tmp/out", TEAMS_FILE: "/tmp/teams.json", CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true", SYNTH_HCL_OUTPUT: "false" });
      expect(JSON.parse(env.CDKTF_CONTEXT_JSON ?? "")).toEqual({ cdktfRelativeModules: [] });
      expect(env.TF_VAR_secret).toBeUndefined();
    } finally {
      delete process.env.TF_VAR_secret;
    }
  });
});

describe("docs/benchmarks.md", () => {
  const existing = [
    "# Benchmarks",
    "",
    "Produced by `npm run build && node dist/bench/index.js` on 2026-11-24 (4.1 min).",
    "",
    "## Provider start-up",
    "",
    "| old start-up table |",
    "",
    "## Synthesis",
    "",
    "old synthesis",
    "",
    KEEP_MARKER,
    "",
    "## Where targets are missed",
    "hand-written",
    "",
  ].join("\n");
  const header = ["# Benchmarks", "", "new header", ""];
  const fresh = [{ name: "synthesis", title: "Synthesis", markdown: "## Synthesis\n\n_Measured by `x` on 2026-11-25 (run of 1.0 min)._\n\nnew synthesis\n" }];

  it("a subset run replaces its section in place and keeps the others, dated, and the notes", () => {
    const merged = mergeBenchmarksDoc(existing, header, fresh, true);
    expect(merged).toContain("| old start-up table |");
    expect(merged).toContain("## Provider start-up\n\n_Measured by `npm run build && node dist/bench/index.js` on 2026-11-24 (run of 4.1 min)._");
    expect(merged).not.toContain("old synthesis");
    expect(merged.indexOf("new synthesis")).toBeGreaterThan(merged.indexOf("old start-up table"));
    expect(merged.endsWith(`${KEEP_MARKER}\n\n## Where targets are missed\nhand-written\n`)).toBe(true);
    // Idempotent: a second identical run changes nothing.
    expect(mergeBenchmarksDoc(merged, header, fresh, true)).toBe(merged);
  });

  it("a full run writes only the fresh sections, still keeping the notes", () => {
    const merged = mergeBenchmarksDoc(existing, header, fresh, false);
    expect(merged).not.toContain("old start-up table");
    expect(merged).toContain("new synthesis");
    expect(merged).toContain("hand-written");
  });
});
