/**
 * Generates the L1 bindings in src/constructs/l1/portkeyadmin/ from the provider's own schema
 * (the JSON `terraform providers schema -json` prints), in-process and offline.
 *
 *   node dist/src/constructs/l1/generate.js           write the bindings
 *   node dist/src/constructs/l1/generate.js --check   exit 1 if the committed bindings differ
 *
 * A small generator of our own rather than @cdktf/provider-generator: that package is only a
 * transitive dependency of cdktf-cli, and its output (`any`-typed mappers, pinned versions,
 * complex-list classes) fails this project's lint; the framework's few attribute kinds fit here.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SecretRegistry } from "../../portkey/redact";
import { createProviderHandlers } from "../../provider/framework";
import { PROVIDER_SOURCE, packageRoot } from "../../provider/install";
import { portkeyProvider } from "../../provider/portkey-provider";
import { providerSchemaJson } from "../../provider/schema-json";
import { emitElement, emitIndex } from "./generator/emit";
import { providerModel } from "./generator/model";
import { parseProviderSchema } from "./generator/schema";

export const REGENERATE_COMMAND = "npm run build && npm run generate:l1";

/** Where the committed bindings live (in src/, also when this runs from dist/). */
export function bindingsDir(root: string = packageRoot()): string {
  return join(root, "src", "constructs", "l1", "portkeyadmin");
}

/** The provider's schema, exactly as `terraform-provider-portkeyadmin --print-schema` prints it. */
export async function currentProviderSchema(): Promise<unknown> {
  const handlers = createProviderHandlers(portkeyProvider(new SecretRegistry(), {}));
  return providerSchemaJson(PROVIDER_SOURCE, await handlers.getProviderSchema());
}

/** File name -> source, for every element of the schema plus index.ts, in sorted order. */
export function generateBindings(schemaJson: unknown): Map<string, string> {
  const { source, entry } = parseProviderSchema(schemaJson);
  const model = providerModel(source, entry);
  const files = new Map<string, string>();
  for (const element of model.elements) {
    const file = `${element.fileName}.ts`;
    if (files.has(file)) throw new Error(`Two schema elements map to ${file}; rename one of them.`);
    files.set(file, emitElement(element, model));
  }
  files.set("index.ts", emitIndex(model.elements.map((element) => element.fileName)));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** What differs between `dir` and the generated files: missing, changed and stale (no longer generated). */
export function bindingDifferences(dir: string, files: ReadonlyMap<string, string>): string[] {
  const present = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".ts")) : [];
  const differences: string[] = [];
  for (const [name, source] of files) {
    if (!present.includes(name)) differences.push(`missing: ${name}`);
    else if (readFileSync(join(dir, name), "utf8") !== source) differences.push(`changed: ${name}`);
  }
  for (const name of present) if (!files.has(name)) differences.push(`stale: ${name}`);
  return differences.sort();
}

/** Write the files, and delete the .ts files of elements the schema no longer has. */
export function writeBindings(dir: string, files: ReadonlyMap<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.endsWith(".ts") && !files.has(name)) rmSync(join(dir, name));
  for (const [name, source] of files) writeFileSync(join(dir, name), source);
}

async function main(args: readonly string[]): Promise<number> {
  const dir = bindingsDir();
  const files = generateBindings(await currentProviderSchema());
  if (args.includes("--check")) {
    const differences = bindingDifferences(dir, files);
    if (differences.length === 0) return 0;
    process.stderr.write(`The L1 bindings in ${dir} are out of date with the provider schema:\n  ${differences.join("\n  ")}\nRegenerate them: ${REGENERATE_COMMAND}\n`);
    return 1;
  }
  writeBindings(dir, files);
  process.stdout.write(`Wrote ${files.size} files to ${dir}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
