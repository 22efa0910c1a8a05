/**
 * teams.schema.json and models-catalogue.schema.json, generated from the zod schemas so they
 * cannot drift (a test compares them). Draft-07: the draft editors support best. `io: "input"`
 * describes what a person writes: fields with defaults are optional.
 */
import { z } from "zod";
import { ModelsCatalogueFileSchema } from "./models-catalogue";
import { TeamsFileSchema } from "./schema";

export const JSON_SCHEMA_FILE = "stacks/config/teams.schema.json";
export const MODELS_CATALOGUE_SCHEMA_FILE = "stacks/config/models-catalogue.schema.json";

export function teamsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(TeamsFileSchema, { io: "input", target: "draft-7" }),
    title: "teams.json: Claude Code via Portkey and Vertex AI",
  };
}

export function teamsJsonSchemaText(): string {
  return `${JSON.stringify(teamsJsonSchema(), null, 2)}\n`;
}

export function modelsCatalogueJsonSchemaText(): string {
  const schema = { ...z.toJSONSchema(ModelsCatalogueFileSchema, { io: "input", target: "draft-7" }), title: "A models catalogue for claude-vertex-portkey" };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
