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

/**
 * The platform's model allow-list: every Vertex model ID any team's Claude Code can ask for
 * (its three alias slots, and `default` when that is an ID rather than an alias), sorted.
 */
export function modelAllowList(config: TeamsConfig): { readonly models: string[]; readonly allowUnknownModels: boolean } {
  const models = new Set<string>();
  for (const { models: m } of config.teams) {
    for (const id of [m.opus, m.sonnet, m.haiku]) models.add(id);
    if (!ALIASES.has(m.default)) models.add(m.default);
  }
  return { models: [...models].sort(), allowUnknownModels: config.teams.some((team) => team.models.allow_unknown_models) };
}
