/**
 * The committed bindings are exactly what the generator makes from the provider's current schema:
 * adding or changing a resource without regenerating fails here, with the command to run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bindingDifferences, bindingsDir, currentProviderSchema, generateBindings, REGENERATE_COMMAND, writeBindings } from "../../../src/constructs/l1/generate";
import { testDir } from "../../support/run-root";

describe("the generated portkeyadmin bindings", () => {
  it("are up to date with the provider's schema", async () => {
    const files = generateBindings(await currentProviderSchema());
    const differences = bindingDifferences(bindingsDir(), files);
    if (differences.length > 0) {
      throw new Error(`src/constructs/l1/portkeyadmin/ differs from the provider schema (${differences.join(", ")}). Regenerate: ${REGENERATE_COMMAND}`);
    }
    expect([...files.keys()]).toEqual(expect.arrayContaining(["index.ts", "provider.ts", "workspace.ts"]));
  });

  it("are generated identically on every run (sorted, stable)", async () => {
    const schema = await currentProviderSchema();
    expect(generateBindings(schema)).toEqual(generateBindings(JSON.parse(JSON.stringify(schema))));
  });

  it("report missing, changed and stale files, and writing removes the stale ones", async () => {
    const files = generateBindings(await currentProviderSchema());
    const dir = testDir("l1-bindings-");
    expect(bindingDifferences(dir, files)).toContain("missing: workspace.ts");

    writeBindings(dir, files);
    expect(bindingDifferences(dir, files)).toEqual([]);

    writeFileSync(join(dir, "workspace.ts"), `${readFileSync(join(dir, "workspace.ts"), "utf8")}// hand edit\n`);
    writeFileSync(join(dir, "removed-resource.ts"), "export {};\n");
    expect(bindingDifferences(dir, files)).toEqual(["changed: workspace.ts", "stale: removed-resource.ts"]);

    writeBindings(dir, files);
    expect(bindingDifferences(dir, files)).toEqual([]);
  });
});
