/**
 * The only way into the app: read teams.json, validate it, merge defaults, and either return the
 * whole config or throw one TeamsFileError listing every problem (file, path inside it, fix).
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { ModelCatalogue } from "../../src/constructs/models/catalogue";
import { crossChecks } from "./checks";
import { parseWithProblems } from "./issues";
import { mergeTeam, type ResolvedTeam } from "./merge";
import { formatProblem, type TeamsFileProblem, TeamsFileError } from "./problems";
import { findJsonHazards, type JsonHazard } from "./json-hazards";
import { findJsonSyntaxError, lineAndColumn } from "./json-syntax";
import { loadModelsCatalogueFile } from "./models-catalogue";
import { ModelsCatalogueSchema, type TeamsFileData, TeamsFileSchema } from "./schema";
import { gatewayFromAdminUrl } from "./urls";

export type GcpKey = { readonly source: "create"; readonly rotation_days?: number } | { readonly source: "existing-secret"; readonly secret: string; readonly version: string };

export type Backend = { readonly type: "local" } | { readonly type: "gcs"; readonly bucket: string; readonly prefix: string };

export const DEFAULT_STATE_PREFIX = "claude-vertex-portkey";

export interface TeamsConfig {
  /** Absolute path of the file this came from. */
  readonly file: string;
  readonly gcp: { readonly project_id: string; readonly region: string; readonly service_account_id: string; readonly key: GcpKey };
  readonly portkey: {
    /** Admin API, ending in /v1. */
    readonly base_url: string;
    /** What Claude Code calls (ANTHROPIC_BASE_URL), never ending in /v1. */
    readonly gateway_url: string;
    readonly integration: { readonly slug: string; readonly name: string; readonly region: string };
  };
  readonly backend: Backend;
  /** Where the model catalogue comes from, and the catalogue every team's models were checked against. */
  readonly models_catalogue: {
    /** Built-in, plus the catalogue file, evaluated on the load's `asOf` date. */
    readonly catalogue: ModelCatalogue;
    /** The catalogue file (absolute), when the teams file names one. */
    readonly file?: string;
    /** Team stacks check their models against Portkey's list of each integration's models at plan time. */
    readonly from_portkey: boolean;
  };
  /** Every team with defaults merged in. */
  readonly teams: readonly ResolvedTeam[];
  /** Things that deploy but deserve a look, formatted like errors (`file: path: message Fix: …`). */
  readonly warnings: readonly string[];
}

/** How the file is named in messages: relative to the working directory when inside it. */
function displayName(file: string): string {
  const fromCwd = relative(process.cwd(), file);
  return fromCwd && !fromCwd.startsWith("..") && !isAbsolute(fromCwd) ? fromCwd : file;
}

function readText(file: string, shown: string): string {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    const why: Record<string, string> = {
      ENOENT: "the file does not exist",
      EACCES: "permission denied",
      EISDIR: "this is a directory, not a file",
    };
    const fix = code === "ENOENT" ? "check the path, or copy stacks/teams.example.json to start." : code === "EISDIR" ? "point at the teams.json file inside it." : "check the file's permissions.";
    throw new TeamsFileError(shown, [{ path: [], message: `cannot read the file: ${why[code] ?? code} (${code}).`, fix }]);
  }
}

function parseJson(text: string, shown: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    const at = found ? lineAndColumn(text, found.offset) : { line: 1, column: 1 };
    const message = found ? `invalid JSON: ${found.message}.` : `invalid JSON: ${(error as Error).message}.`;
    throw new TeamsFileError(shown, [{ path: [], at, message, fix: found?.fix ?? "fix the syntax (a JSON-aware editor shows where)." }]);
  }
}

export interface LoadOptions {
  /** The day model lifecycles are evaluated on (retiring, retired). @default today (UTC) */
  readonly asOf?: Date | string;
}

/** The catalogue named by `models_catalogue` (built-in when the field is missing or itself broken: the schema reports that). */
function modelsCatalogue(input: unknown, teamsFile: string, asOf: Date | string | undefined): TeamsConfig["models_catalogue"] {
  const builtIn = ModelCatalogue.builtIn({ asOf });
  const raw = input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>).models_catalogue : undefined;
  const parsed = ModelsCatalogueSchema.safeParse(raw ?? {});
  if (!parsed.success) return { catalogue: builtIn, from_portkey: false };
  const fromPortkey = parsed.data.from_portkey ?? false;
  if (parsed.data.file === undefined) return { catalogue: builtIn, from_portkey: fromPortkey };
  const file = resolve(dirname(teamsFile), parsed.data.file);
  return { catalogue: loadModelsCatalogueFile(file, displayName(file), builtIn), file, from_portkey: fromPortkey };
}

export function loadTeamsFile(path: string, options: LoadOptions = {}): TeamsConfig {
  const file = resolve(path);
  const shown = displayName(file);
  const text = readText(file, shown);
  const input = parseJson(text, shown);
  const hazards = findJsonHazards(text);
  const tooDeep = hazards.find((h) => h.kind === "too-deep");
  if (tooDeep) throw new TeamsFileError(shown, [tooDeep]);

  // A broken catalogue file is its own error (naming that file): every model check depends on it.
  const models = modelsCatalogue(input, file, options.asOf);
  const parsed = parseWithProblems(TeamsFileSchema, input);
  const checked = crossChecks(input, { catalogue: models.catalogue, fromPortkey: models.from_portkey });
  const problems = withHazards(hazards, [...parsed.problems, ...checked.problems]);
  if (problems.length > 0 || !parsed.data) throw new TeamsFileError(shown, problems);

  const data = parsed.data;
  return {
    file,
    gcp: { ...data.gcp, key: resolveKey(data.gcp.key) },
    portkey: {
      base_url: data.portkey.base_url.replace(/\/+$/, ""),
      gateway_url: (data.portkey.gateway_url ?? gatewayFromAdminUrl(data.portkey.base_url)).replace(/\/+$/, ""),
      integration: { ...data.portkey.integration, region: data.portkey.integration.region ?? data.gcp.region },
    },
    backend: resolveBackend(data.backend),
    models_catalogue: models,
    teams: data.teams.map((team) => mergeTeam(team, data.defaults)),
    warnings: checked.warnings.map((warning) => formatProblem(shown, warning)),
  };
}

const samePath = (a: TeamsFileProblem, b: TeamsFileProblem) => a.path.length === b.path.length && a.path.every((segment, i) => segment === b.path[i]);

/**
 * The hazards JSON.parse hid, merged with the schema's problems without saying one thing twice: a
 * `__proto__` key is reported as such rather than as an unknown field, and a control character
 * only where the field's own rule (a URL, a slug) did not already reject the value.
 */
function withHazards(hazards: readonly JsonHazard[], problems: readonly TeamsFileProblem[]): TeamsFileProblem[] {
  const prototypeKeys = hazards.filter((h) => h.kind === "prototype-key");
  const kept = problems.filter((p) => !prototypeKeys.some((h) => samePath(h, p)));
  const hidden = hazards.filter((h) => h.kind !== "control-character" || !kept.some((p) => samePath(h, p)));
  return [...hidden.map(({ kind: _kind, ...problem }) => problem), ...kept];
}

// The schema has already checked that the fields each variant needs are there.
function resolveKey(key: TeamsFileData["gcp"]["key"]): GcpKey {
  if (key.source === "existing-secret") return { source: key.source, secret: key.secret ?? "", version: key.version ?? "latest" };
  return key.rotation_days === undefined ? { source: key.source } : { source: key.source, rotation_days: key.rotation_days };
}

function resolveBackend(backend: TeamsFileData["backend"]): Backend {
  if (backend.type === "gcs") return { type: backend.type, bucket: backend.bucket ?? "", prefix: backend.prefix ?? DEFAULT_STATE_PREFIX };
  return { type: backend.type };
}

/** Every Vertex region the platform needs an integration in: its own, plus each routing target's. */
export function regionsInUse(config: TeamsConfig): string[] {
  const regions = new Set([config.portkey.integration.region]);
  for (const team of config.teams) for (const target of team.routing.targets ?? []) regions.add(target.region);
  return [...regions];
}
