/**
 * teams.schema.json, generated from the zod schema so the two cannot drift (a test compares
 * them). Draft-07: the draft editors support best. `io: "input"` describes what a person writes:
 * fields with defaults are optional.
 */
import { z } from "zod";
import { TeamsFileSchema } from "./schema";

export const JSON_SCHEMA_FILE = "stacks/config/teams.schema.json";

export function teamsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(TeamsFileSchema, { io: "input", target: "draft-7" }),
    title: "teams.json: Claude Code via Portkey and Vertex AI",
  };
}

export function teamsJsonSchemaText(): string {
  return `${JSON.stringify(teamsJsonSchema(), null, 2)}\n`;
}
