/**
 * stacks/teams.example.json is what people copy: it must load. teams.schema.json is what their
 * editor checks against: it must match the zod schema, and document every field.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadTeamsFile, regionsInUse } from "../../../stacks/config";
import { JSON_SCHEMA_FILE, MODELS_CATALOGUE_SCHEMA_FILE, modelsCatalogueJsonSchemaText, teamsJsonSchemaText } from "../../../stacks/config/json-schema";

const root = join(__dirname, "..", "..", "..");
const examplePath = join(root, "stacks", "teams.example.json");

describe("stacks/teams.example.json", () => {
  const config = loadTeamsFile(examplePath);

  it("loads without problems or warnings", () => {
    expect(config.teams.map((team) => team.name)).toEqual(["payments", "data-science", "mobile"]);
    expect(config.warnings).toEqual([]);
  });

  it("shows three different budgets, one fallback route and one api-key-helper team", () => {
    expect(config.teams.map((team) => team.budget && `${team.budget.limit} ${team.budget.type} ${team.budget.periodic_reset}`)).toEqual([
      "2000 cost monthly",
      "200000000 tokens weekly",
      "300 cost monthly",
    ]);
    const [payments, , mobile] = config.teams;
    expect(payments.routing).toMatchObject({ strategy: "fallback", targets: [{ region: "us-east5" }, { region: "europe-west1" }] });
    expect(mobile.settings_mode).toBe("api-key-helper");
  });

  it("needs integrations in the primary region and in every fallback region", () => {
    expect(regionsInUse(config)).toEqual(["global", "us-east5", "europe-west1"]);
  });

  it("points its $schema at the generated schema file", () => {
    const example = JSON.parse(readFileSync(examplePath, "utf8"));
    expect(join(root, "stacks", example.$schema)).toBe(join(root, JSON_SCHEMA_FILE));
  });
});

/** Fields without a description and objects that accept unknown keys, anywhere in a JSON Schema. */
function schemaGaps(schemaText: string): { undocumented: string[]; open: string[] } {
  const undocumented: string[] = [];
  const open: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (!node || typeof node !== "object") return;
    const schema = node as { properties?: Record<string, { description?: string }>; additionalProperties?: unknown; items?: unknown; anyOf?: unknown[] };
    if (schema.properties) {
      if (schema.additionalProperties !== false) open.push(path);
      for (const [name, child] of Object.entries(schema.properties)) {
        if (!child.description) undocumented.push(`${path}.${name}`);
        walk(child, `${path}.${name}`);
      }
    }
    walk(schema.items, `${path}[]`);
    for (const option of schema.anyOf ?? []) walk(option, path);
  };
  walk(JSON.parse(schemaText), "$");
  return { undocumented, open };
}

describe.each([
  [JSON_SCHEMA_FILE, teamsJsonSchemaText],
  [MODELS_CATALOGUE_SCHEMA_FILE, modelsCatalogueJsonSchemaText],
])("%s", (file, generate) => {
  const onDisk = readFileSync(join(root, file), "utf8");

  it("is up to date with the zod schema (regenerate: npx tsc -p . && node dist/stacks/config/write-json-schema.js)", () => {
    expect(onDisk).toBe(generate());
  });

  it("documents every field and rejects unknown ones, so editors can flag typos", () => {
    expect(schemaGaps(onDisk)).toEqual({ undocumented: [], open: [] });
  });
});
