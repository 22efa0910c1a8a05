/**
 * What team stacks know about the platform: names derived from the teams file alone, so a team
 * stack references the platform's integrations by slug and never reads its state (no secret
 * crosses stacks, and CI can plan a team without access to the platform's state).
 */
import { regionsInUse, type TeamsConfig } from "../config";

/** The integration slug for a Vertex region: the configured slug for the primary region, `<slug>-<region>` for the others. */
export function integrationSlug(config: TeamsConfig, region: string): string {
  const { slug, region: primary } = config.portkey.integration;
  return region === primary ? slug : `${slug}-${region}`;
}

/** Region → integration slug, primary region first. */
export function integrationSlugs(config: TeamsConfig): Record<string, string> {
  return Object.fromEntries(regionsInUse(config).map((region) => [region, integrationSlug(config, region)]));
}

const ALIASES = new Set(["opus", "sonnet", "haiku"]);

/** The Vertex model IDs one team's Claude Code can ask for: its three alias slots, and `default` when that is an ID rather than an alias. */
export function teamModelIds(models: TeamsConfig["teams"][number]["models"]): string[] {
  const ids = [models.opus, models.sonnet, models.haiku];
  if (!ALIASES.has(models.default)) ids.push(models.default);
  return [...new Set(ids)];
}

/**
 * The platform's model allow-list: every model any team can ask for, sorted, with the escape
 * hatches the teams that use them were given (the teams file has already checked each team).
 */
export function modelAllowList(config: TeamsConfig): { readonly models: string[]; readonly allowUnknownModels: boolean; readonly allowRetiredModels: string[] } {
  const models = new Set<string>();
  const retired = new Set<string>();
  for (const { models: m } of config.teams) {
    const ids = teamModelIds(m);
    for (const id of ids) models.add(id);
    for (const id of m.allow_retired_models) if (ids.includes(id)) retired.add(id);
  }
  return {
    models: [...models].sort(),
    allowUnknownModels: config.models_catalogue.from_portkey || config.teams.some((team) => team.models.allow_unknown_models),
    allowRetiredModels: [...retired].sort(),
  };
}
