/**
 * Checks that need more than one field, run after defaults are merged: unique names, models
 * against the catalogue (and its lifecycle on the evaluation date), mode/routing conflicts. They
 * run on every team that parses on its own, even when another part of the file is broken, so one
 * run reports every problem.
 */
import { CLAUDE_ID, type ModelCatalogue, vertexFormOf } from "../../src/constructs/models/catalogue";
import { idleRetiredExceptions, lifecycleNotice } from "../../src/constructs/models/lifecycle-notice";
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

/** The catalogue the models are checked against, and whether Portkey's live list has the last word (models_catalogue.from_portkey). */
export interface ModelCheckContext {
  readonly catalogue: ModelCatalogue;
  readonly fromPortkey: boolean;
}

export function crossChecks(input: unknown, models: ModelCheckContext): CheckResult {
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
    checkModels(index, parsed.data, defaults, team, models, result);
    checkMode(index, parsed.data, team, result);
    checkKeys(index, team, result);
    checkPerDeveloperBudget(index, team, result);
    if (integrationRegion) checkModelRegions(index, team, integrationRegion, models.catalogue, result);
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

type Verdict = { readonly severity: "error" | "warning"; readonly message: string; readonly fix: string };

/** Why `id` cannot be deployed as it is (error), or deserves a look (warning); undefined when fine. */
function modelVerdict(id: string, models: ResolvedTeam["models"], context: ModelCheckContext): Verdict | undefined {
  const { catalogue } = context;
  if (catalogue.find(id)) {
    return lifecycleNotice(catalogue, id, {
      allowRetiredModels: models.allow_retired_models,
      exceptionHint: (retired) => `add "${retired}" to "allow_retired_models" in models`,
    });
  }
  const vertexForm = vertexFormOf(id);
  if (vertexForm) return { severity: "error", message: `"${id}" is the Anthropic API form of the ID; Vertex answers 404 for it.`, fix: `use "${vertexForm}" (Vertex puts "@" before the date).` };
  const known = catalogue.usableIds();
  if (models.allow_unknown_models || context.fromPortkey) {
    if (!CLAUDE_ID.test(id)) return { severity: "error", message: `"${id}" is not a Claude model ID.`, fix: `use a Vertex Claude ID such as "${catalogue.defaults.sonnet}".` };
    if (models.allow_unknown_models) return undefined;
    return {
      severity: "warning",
      message: `"${id}" is not in the model catalogue${didYouMean(id, known)}; the team's plan checks it against Portkey's list of the integration's models (models_catalogue.from_portkey).`,
      fix: "ignore if the model is new and enabled on the integration; else correct the ID.",
    };
  }
  return {
    severity: "error",
    message: `"${id}" is not a known Vertex Claude model ID${didYouMean(id, known)}.`,
    fix: `use a current model (${catalogue.currentIds().join(", ")}) or an older one the catalogue lists; for a model newer than the catalogue set "allow_unknown_models": true in models, add it to a models catalogue file, or check models against Portkey with "models_catalogue": {"from_portkey": true}.`,
  };
}

function report(result: CheckResult, path: JsonPath, verdict: Verdict, suffix = ""): void {
  const message = suffix ? `${verdict.message.replace(/\.$/, "")}${suffix}.` : verdict.message;
  const problem = { path, message, fix: verdict.fix };
  (verdict.severity === "error" ? result.problems : result.warnings).push(problem);
}

function checkModels(index: number, own: TeamData, defaults: DefaultsData, team: ResolvedTeam, context: ModelCheckContext, result: CheckResult): void {
  for (const slot of SLOTS) {
    const id = team.models[slot];
    const verdict = modelVerdict(id, team.models, context);
    // A built-in default the team did not choose is reported at the team (only a catalogue file can retire it).
    const path = modelOrigin(index, own, defaults, slot) ?? ["teams", index, "models"];
    if (verdict) report(result, path, verdict, modelOrigin(index, own, defaults, slot) ? "" : ` (the built-in default for ${slot})`);
    const family = context.catalogue.find(id)?.family;
    if (modelOrigin(index, own, defaults, slot) && family && family !== slot) {
      result.warnings.push({ path, message: `"${id}" is a ${family} model in the ${slot} slot; "/model ${slot}" will run ${family}.`, fix: "ignore if intended (e.g. to cap cost), else use a model of that family." });
    }
  }
  const path = modelOrigin(index, own, defaults, "default");
  const defaultModel = team.models.default;
  if (path && !ALIASES.has(defaultModel)) {
    const verdict = modelVerdict(defaultModel, team.models, context);
    if (verdict) report(result, path, verdict, " (default takes an alias, opus, sonnet or haiku, or a model ID)");
  }
  const exceptionsPath = modelOrigin(index, own, defaults, "allow_retired_models");
  for (const id of idleRetiredExceptions(context.catalogue, team.models.allow_retired_models)) {
    if (!exceptionsPath) continue;
    result.warnings.push({
      path: exceptionsPath,
      message: `"${id}" is named as a retired-model exception, but the catalogue does not retire it by ${context.catalogue.asOf}.`,
      fix: `remove "${id}" from allow_retired_models (the exception does nothing).`,
    });
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
function checkModelRegions(index: number, team: ResolvedTeam, integrationRegion: string, catalogue: ModelCatalogue, result: CheckResult): void {
  const regions = team.routing.targets?.map((target) => target.region) ?? [integrationRegion];
  for (const slot of SLOTS) {
    const model = catalogue.find(team.models[slot]);
    if (!model?.regions) continue;
    const listed = model.regions;
    const missing = regions.filter((region) => !listed.includes(region));
    if (missing.length > 0) {
      result.warnings.push({
        path: ["teams", index, "models", slot],
        message: `"${model.id}" is not listed for ${missing.map((r) => `"${r}"`).join(", ")} in the catalogue (listed: ${listed.join(", ")}).`,
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
