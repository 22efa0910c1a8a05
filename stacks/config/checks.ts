/**
 * Checks that need more than one field, run after defaults are merged: unique names, models
 * against the catalogue, mode/routing conflicts. They run on every team that parses on its own,
 * even when another part of the file is broken, so one run reports every problem.
 */
import { findModel, modelProblem, VERTEX_CLAUDE_MODELS, vertexFormOf } from "../../src/constructs/models/catalogue";
import { didYouMean } from "./did-you-mean";
import { mergeTeam, type ResolvedTeam } from "./merge";
import type { JsonPath, TeamsFileProblem } from "./problems";
import { DefaultsSchema, type DefaultsData, GcpSchema, PortkeySchema, TeamSchema, type TeamData } from "./schema";

export interface CheckResult {
  readonly problems: TeamsFileProblem[];
  readonly warnings: TeamsFileProblem[];
}

/** Stack names the app itself uses; a team cannot take them. */
export const RESERVED_TEAM_NAMES = ["platform"] as const;

const SLOTS = ["opus", "sonnet", "haiku"] as const;
const ALIASES = new Set(["opus", "sonnet", "haiku", "opusplan"]);

type Raw = Record<string, unknown>;
const asObject = (value: unknown): Raw | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Raw) : undefined);

export function crossChecks(input: unknown): CheckResult {
  const result: CheckResult = { problems: [], warnings: [] };
  const root = asObject(input);
  const rawTeams = root?.teams;
  if (!root || !Array.isArray(rawTeams)) return result;

  const parsedDefaults = DefaultsSchema.safeParse(root.defaults ?? {});
  const defaults: DefaultsData = parsedDefaults.success ? parsedDefaults.data : {};
  checkNames(rawTeams, result);
  const integrationRegion = primaryRegion(root);

  rawTeams.forEach((raw, index) => {
    const parsed = TeamSchema.safeParse(raw);
    if (!parsed.success) return;
    const team = mergeTeam(parsed.data, defaults);
    checkModels(index, parsed.data, defaults, team, result);
    checkMode(index, parsed.data, team, result);
    checkKeys(index, team, result);
    checkPerDeveloperBudget(index, team, result);
    if (integrationRegion) checkModelRegions(index, team, integrationRegion, result);
  });
  return { problems: dedupe(result.problems), warnings: dedupe(result.warnings) };
}

function checkNames(rawTeams: unknown[], result: CheckResult): void {
  const firstByName = new Map<string, number>();
  const firstByWorkspace = new Map<string, number>();
  rawTeams.forEach((raw, index) => {
    const team = asObject(raw);
    const name = team?.name;
    if (typeof name === "string") {
      const first = firstByName.get(name.toLowerCase());
      if (first !== undefined) {
        result.problems.push({ path: ["teams", index, "name"], message: `"${name}" is already the name of teams[${first}]; team names name stacks and workspaces, so they must be unique.`, fix: "rename one of the two teams, or merge them." });
      } else firstByName.set(name.toLowerCase(), index);
      if ((RESERVED_TEAM_NAMES as readonly string[]).includes(name)) {
        result.problems.push({ path: ["teams", index, "name"], message: `"${name}" is the name of the app's own stack.`, fix: `choose another name, e.g. "${name}-team".` });
      }
    }
    const workspace = team?.existing_workspace_id;
    if (typeof workspace === "string") {
      const first = firstByWorkspace.get(workspace);
      if (first !== undefined) {
        result.problems.push({
          path: ["teams", index, "existing_workspace_id"],
          message: `workspace "${workspace}" is already used by teams[${first}]; two stacks would fight over its budget and rate limit.`,
          fix: "give each team its own workspace, or merge the teams.",
        });
      } else firstByWorkspace.set(workspace, index);
    }
  });
}

/** Where a merged value came from: the team, else defaults (reported once), else a built-in. */
type ModelField = keyof NonNullable<TeamData["models"]>;
function modelOrigin(index: number, team: TeamData, defaults: DefaultsData, field: ModelField): JsonPath | undefined {
  if (team.models?.[field] !== undefined) return ["teams", index, "models", field];
  if (defaults.models?.[field] !== undefined) return ["defaults", "models", field];
  return undefined;
}

function modelIdProblem(id: string, allowUnknown: boolean): { message: string; fix: string } | undefined {
  if (!modelProblem(id, { allowUnknownModels: allowUnknown })) return undefined;
  const vertexForm = vertexFormOf(id);
  if (vertexForm) return { message: `"${id}" is the Anthropic API form of the ID; Vertex answers 404 for it.`, fix: `use "${vertexForm}" (Vertex puts "@" before the date).` };
  const known = VERTEX_CLAUDE_MODELS.map((model) => model.id);
  if (allowUnknown) return { message: `"${id}" is not a Claude model ID.`, fix: 'use a Vertex Claude ID such as "claude-sonnet-4-6".' };
  return {
    message: `"${id}" is not a known Vertex Claude model ID${didYouMean(id, known)}.`,
    fix: `use one of ${known.join(", ")}; for a model newer than this catalogue set "allow_unknown_models": true in models.`,
  };
}

function checkModels(index: number, own: TeamData, defaults: DefaultsData, team: ResolvedTeam, result: CheckResult): void {
  const allowUnknown = team.models.allow_unknown_models;
  for (const slot of SLOTS) {
    const path = modelOrigin(index, own, defaults, slot);
    const id = team.models[slot];
    const problem = modelIdProblem(id, allowUnknown);
    if (path && problem) result.problems.push({ path, ...problem });
    const family = findModel(id)?.family;
    if (path && family && family !== slot) {
      result.warnings.push({ path, message: `"${id}" is a ${family} model in the ${slot} slot; "/model ${slot}" will run ${family}.`, fix: "ignore if intended (e.g. to cap cost), else use a model of that family." });
    }
  }
  const path = modelOrigin(index, own, defaults, "default");
  const defaultModel = team.models.default;
  if (path && !ALIASES.has(defaultModel)) {
    const problem = modelIdProblem(defaultModel, allowUnknown);
    if (problem) result.problems.push({ path, message: `${problem.message} (default takes an alias, opus, sonnet or haiku, or a model ID)`, fix: problem.fix });
  }
}

function checkMode(index: number, own: TeamData, team: ResolvedTeam, result: CheckResult): void {
  if (team.settings_mode === "api-key-helper" && team.key_readers.length === 0) {
    result.problems.push({
      path: own.settings_mode ? ["teams", index, "settings_mode"] : ["teams", index],
      message: 'settings_mode "api-key-helper" keeps the key in Secret Manager, but no one is allowed to read it (key_readers is empty).',
      fix: 'add "key_readers": ["group:<team>-devs@<domain>"] to the team (or to defaults).',
    });
  }
  if (team.settings_mode !== "legacy-vertex") return;
  const path: JsonPath = own.settings_mode ? ["teams", index, "settings_mode"] : ["teams", index];
  if (team.routing.strategy !== "none") {
    result.problems.push({
      path,
      message: `settings_mode "legacy-vertex" routes through a virtual key, which cannot carry routing strategy "${team.routing.strategy}".`,
      fix: 'use settings_mode "provider-slug" or "api-key-helper" (both support routing), or set routing strategy "none".',
    });
  }
  result.warnings.push({
    path,
    message: 'settings_mode "legacy-vertex" is the mode Portkey\'s troubleshooting blames for "500 fetch failed" and passthrough requests.',
    fix: 'prefer "provider-slug" unless a client needs Vertex rawPredict paths.',
  });
}

function checkKeys(index: number, team: ResolvedTeam, result: CheckResult): void {
  const seen = new Set<string>();
  for (const key of team.keys) {
    if (seen.has(key.name)) {
      result.problems.push({
        path: ["teams", index, "keys"],
        message: `two keys are named "${key.name}" (a key with count N also takes the names <name>-2 … <name>-N).`,
        fix: "rename one of them.",
      });
    }
    seen.add(key.name);
  }
}

function checkPerDeveloperBudget(index: number, team: ResolvedTeam, result: CheckResult): void {
  const mine = team.per_developer_budget;
  const all = team.budget;
  if (mine && all && mine.type === all.type && mine.limit >= all.limit) {
    result.warnings.push({
      path: ["teams", index, "per_developer_budget", "limit"],
      message: `the per-developer limit (${mine.limit}) is not below the team's whole budget (${all.limit}), so it never takes effect.`,
      fix: "lower it, or remove per_developer_budget.",
    });
  }
}

function primaryRegion(root: Raw): string | undefined {
  const portkey = PortkeySchema.safeParse(root.portkey ?? {});
  const gcp = GcpSchema.safeParse(root.gcp);
  if (portkey.success && portkey.data.integration.region) return portkey.data.integration.region;
  return gcp.success ? gcp.data.region : undefined;
}

/** The catalogue's region notes are advisory (availability changes): a warning, not an error. */
function checkModelRegions(index: number, team: ResolvedTeam, integrationRegion: string, result: CheckResult): void {
  const regions = team.routing.targets?.map((target) => target.region) ?? [integrationRegion];
  for (const slot of SLOTS) {
    const model = findModel(team.models[slot]);
    if (!model) continue;
    const missing = regions.filter((region) => !model.regions.includes(region));
    if (missing.length > 0) {
      result.warnings.push({
        path: ["teams", index, "models", slot],
        message: `"${model.id}" is not listed for ${missing.map((r) => `"${r}"`).join(", ")} in the catalogue (listed: ${model.regions.join(", ")}).`,
        fix: "check Model Garden for that region, or pick another model or region.",
      });
    }
  }
}

function dedupe(problems: TeamsFileProblem[]): TeamsFileProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${JSON.stringify(p.path)} ${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
