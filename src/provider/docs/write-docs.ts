/**
 * Writes docs/provider-resources.md from the provider's schema.
 *
 *   node dist/src/provider/docs/write-docs.js           write it
 *   node dist/src/provider/docs/write-docs.js --check   exit 1 when the committed file differs
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { currentProviderSchema } from "../../constructs/l1/generate";
import { packageRoot } from "../install";
import { renderProviderDocs } from "./render-docs";

export const DOCS_FILE = join("docs", "provider-resources.md");

export async function expectedProviderDocs(): Promise<string> {
  return renderProviderDocs(await currentProviderSchema());
}

async function main(): Promise<number> {
  const path = join(packageRoot(), DOCS_FILE);
  const expected = await expectedProviderDocs();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {
      // missing counts as different
    }
    if (current === expected) return 0;
    console.error(`${DOCS_FILE} is out of date with the provider schema. Run: npm run build && npm run docs:provider`);
    return 1;
  }
  writeFileSync(path, expected);
  console.log(`Wrote ${path}`);
  return 0;
}

if (require.main === module) {
  main().then((code) => process.exit(code));
}
