/**
 * Regenerate teams.schema.json and models-catalogue.schema.json after changing a schema (from
 * the repository root):
 *   npx tsc -p . && node dist/stacks/config/write-json-schema.js
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { JSON_SCHEMA_FILE, MODELS_CATALOGUE_SCHEMA_FILE, modelsCatalogueJsonSchemaText, teamsJsonSchemaText } from "./json-schema";

for (const [file, text] of [
  [JSON_SCHEMA_FILE, teamsJsonSchemaText()],
  [MODELS_CATALOGUE_SCHEMA_FILE, modelsCatalogueJsonSchemaText()],
] as const) {
  const target = resolve(file);
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
