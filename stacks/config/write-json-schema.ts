/**
 * Regenerate teams.schema.json after changing the schema (from the repository root):
 *   npx tsc -p . && node dist/stacks/config/write-json-schema.js
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { JSON_SCHEMA_FILE, teamsJsonSchemaText } from "./json-schema";

const target = resolve(JSON_SCHEMA_FILE);
writeFileSync(target, teamsJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
