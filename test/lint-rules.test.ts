/**
 * The lint rule that keeps `tsc` and jest fast: the barrel import of @cdktf/provider-google
 * costs ~9 s and 1 GB per type-checked program (../shared/docs/cdktf-notes.md).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");

function lint(source: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(__dirname, ".lint-probe-"));
  try {
    writeFileSync(join(dir, "probe.ts"), source);
    const output = execFileSync(join(root, "node_modules/.bin/biome"), ["lint", "--colors=off", dir], { cwd: root, encoding: "utf8", stdio: "pipe" });
    return { ok: true, output };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("lint rules", () => {
  it("forbids the barrel import of @cdktf/provider-google and names the fix", () => {
    const result = lint('import { provider } from "@cdktf/provider-google";\nexport const p = provider;\n');
    expect(result.ok).toBe(false);
    expect(result.output).toContain("noRestrictedImports");
    expect(result.output).toContain("@cdktf/provider-google/lib/service-account");
  });

  it("accepts submodule imports", () => {
    const result = lint('import { serviceAccount } from "@cdktf/provider-google/lib/service-account";\nexport const p = serviceAccount;\n');
    expect(result).toEqual({ ok: true, output: expect.any(String) });
  });
});
