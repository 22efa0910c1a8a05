/**
 * The catalogue file a teams file can point at (`models_catalogue.file`): overrides and
 * additions to the toolkit's built-in model list, so a new model or a new retirement date is a
 * configuration change rather than a new release. Same lifecycle fields as the built-in list;
 * every problem names the file, the path inside it and the fix. Its JSON Schema is
 * models-catalogue.schema.json (generated from this file by write-json-schema.ts).
 *
 *   { "$schema": "./config/models-catalogue.schema.json",
 *     "models": [{ "id": "claude-opus-6", "family": "opus", "name": "Claude Opus 6", "regions": ["global"], "source": "Model Garden, 2027-02-01" },
 *                { "id": "claude-haiku-4-5@20251001", "retirement_date": "2027-03-01", "source": "Vertex AI notice" }] }
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { CLAUDE_ID, type ModelCatalogue, type ModelOverride, vertexFormOf } from "../../src/constructs/models/catalogue";
import { isIsoDate } from "../../src/constructs/models/lifecycle";
import { MODEL_FAMILIES } from "../../src/constructs/models/model";
import { didYouMean } from "./did-you-mean";
import { parseWithProblems } from "./issues";
import { findJsonSyntaxError, lineAndColumn } from "./json-syntax";
import { oneOf } from "./primitives";
import { type TeamsFileProblem, TeamsFileError, withFix } from "./problems";

const show = (value: unknown) => JSON.stringify(value);

const modelId = z
  .string()
  .regex(CLAUDE_ID, { error: (issue) => withFix(`${show(issue.input)} is not a Claude model ID`, 'write the Vertex ID, e.g. "claude-opus-5-5" or "claude-haiku-4-5@20251001".') })
  .refine((id) => vertexFormOf(id) === undefined, {
    error: (issue) => withFix(`${show(issue.input)} is the Anthropic API form; Vertex answers 404 for it`, `write ${show(vertexFormOf(String(issue.input)))} (Vertex puts "@" before the date).`),
  });

const isoDate = z.string().refine(isIsoDate, {
  error: (issue) => withFix(`${show(issue.input)} is not a date written YYYY-MM-DD`, 'write the day, e.g. "2027-01-22".'),
});

// Free text ends up in terminal output (warnings, doctor): one line, no control characters.
const note = (what: string) =>
  z
    .string()
    .min(1, { error: withFix(`${what} cannot be empty`, "write it, or leave the field out.") })
    .max(300, { error: withFix(`${what} is longer than 300 characters`, "shorten it; link to the source instead of quoting it.") })
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .regex(/^[^\u0000-\u001f\u007f]*$/, { error: withFix(`${what} contains a line break or a control character`, "write it on one line, as plain text.") });

export const ModelEntrySchema = z
  .object({
    id: modelId.describe("The Vertex model ID, as requests name it (dated IDs with @, e.g. claude-haiku-4-5@20251001)."),
    family: oneOf(MODEL_FAMILIES as unknown as readonly [string, ...string[]])
      .optional()
      .describe("opus, sonnet or haiku: which Claude Code alias slot the model belongs to. Required for a model the built-in catalogue does not know."),
    name: note("name").optional().describe('Display name used in messages, e.g. "Claude Opus 6".'),
    regions: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/, { error: withFix("a region must be a Vertex location", 'write e.g. "global", "us-east5" or "europe-west1".') }))
      .nullable()
      .optional()
      .describe("Vertex regions where the model is served (region warnings compare against it). null: not known."),
    region_note: note("region_note").nullable().optional().describe("What is uncertain about regions."),
    superseded_by: modelId.nullable().optional().describe("The newer model to move to; it must be in the catalogue. null clears the built-in value."),
    retirement_date: isoDate
      .nullable()
      .optional()
      .describe(
        "The announced retirement date (YYYY-MM-DD, UTC): within 90 days of it synthesis and doctor warn, from it on they refuse the model unless a team names it in allow_retired_models. null clears the built-in date (e.g. Vertex extended it).",
      ),
    source: note("source").nullable().optional().describe("Where the facts come from (a vendor page and the day it was read)."),
    unconfirmed: note("unconfirmed").nullable().optional().describe("What of the above is not confirmed (e.g. a tentative date)."),
  })
  .strict()
  .describe("One model: a known ID changes only the fields given; a new ID adds a model.");

export const ModelsCatalogueFileSchema = z
  .object({
    $schema: z.string().optional().describe("Path or URL of models-catalogue.schema.json, for editor completion."),
    models: z.array(ModelEntrySchema).describe("Overrides of and additions to the built-in catalogue, applied in order."),
  })
  .strict()
  .describe("Claude models on Vertex AI: overrides of and additions to claude-vertex-portkey's built-in catalogue.");

type Entry = z.output<typeof ModelEntrySchema>;

function toOverride(entry: Entry): ModelOverride {
  const override: Record<string, unknown> = {
    id: entry.id,
    family: entry.family,
    name: entry.name,
    regions: entry.regions,
    regionNote: entry.region_note,
    supersededBy: entry.superseded_by,
    retirementDate: entry.retirement_date,
    source: entry.source,
    unconfirmed: entry.unconfirmed,
  };
  for (const key of Object.keys(override)) if (override[key] === undefined) delete override[key];
  return override as unknown as ModelOverride;
}

/** Checks across entries: duplicates, a new model without a family, a replacement nobody knows. */
function entryProblems(entries: readonly Entry[], base: ModelCatalogue): TeamsFileProblem[] {
  const problems: TeamsFileProblem[] = [];
  const ids = new Set([...base.models.map((model) => model.id), ...entries.map((entry) => entry.id)]);
  entries.forEach((entry, index) => {
    const first = entries.findIndex((other) => other.id === entry.id);
    if (first !== index) problems.push({ path: ["models", index, "id"], message: `"${entry.id}" is already models[${first}].`, fix: "merge the two entries into one." });
    if (!base.find(entry.id) && entry.family === undefined) {
      problems.push({
        path: ["models", index],
        message: `"${entry.id}" is not in the built-in catalogue${didYouMean(entry.id, base.models.map((model) => model.id))}, so it needs a family.`,
        fix: 'add "family": "opus", "sonnet" or "haiku" (the Claude Code alias slot it belongs to).',
      });
    }
    const replacement = entry.superseded_by;
    if (replacement === entry.id) problems.push({ path: ["models", index, "superseded_by"], message: `"${entry.id}" cannot supersede itself.`, fix: "name the newer model, or remove the field." });
    else if (replacement && !ids.has(replacement)) {
      problems.push({
        path: ["models", index, "superseded_by"],
        message: `"${replacement}" is not in the catalogue${didYouMean(replacement, [...ids])}.`,
        fix: "name a model of the built-in catalogue or of this file (add an entry for it).",
      });
    }
  });
  return problems;
}

/** Read, parse and validate a catalogue file; return the built-in catalogue with its overrides, or throw one TeamsFileError naming the file. */
export function loadModelsCatalogueFile(file: string, shown: string, base: ModelCatalogue): ModelCatalogue {
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    const why: Record<string, string> = { ENOENT: "the file does not exist", EACCES: "permission denied", EISDIR: "this is a directory, not a file" };
    const fix =
      code === "ENOENT" || code === "EISDIR"
        ? 'check "models_catalogue.file" in the teams file (it is relative to the teams file), or remove it to use the built-in catalogue.'
        : "check the file's permissions.";
    throw new TeamsFileError(shown, [{ path: [], message: `cannot read the models catalogue: ${why[code] ?? code} (${code}).`, fix }]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    const at = found ? lineAndColumn(text, found.offset) : { line: 1, column: 1 };
    throw new TeamsFileError(shown, [{ path: [], at, message: `invalid JSON: ${found?.message ?? (error as Error).message}.`, fix: found?.fix ?? "fix the syntax (a JSON-aware editor shows where)." }]);
  }
  const parsed = parseWithProblems(ModelsCatalogueFileSchema, input);
  const problems = parsed.data ? entryProblems(parsed.data.models, base) : parsed.problems;
  if (problems.length > 0 || !parsed.data) throw new TeamsFileError(shown, problems);
  return base.withOverrides(parsed.data.models.map(toOverride), shown);
}
