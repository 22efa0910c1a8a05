/**
 * A resolved team from the teams file → ClaudeCodeTeamProps: snake_case to camelCase, regions
 * to the platform's integration slugs, `null` ("none") to absent.
 */
import type { Budget, RateLimit, ResolvedTeam, TeamsConfig } from "../config";
import type { BudgetProps, ClaudeCodeTeamProps, RateLimitProps, RoutingProps } from "../../src/constructs/team/props";
import { integrationSlug } from "./platform-refs";

const noLookup = (email: string): string => {
  throw new Error(`user key for ${email}: teamProps needs a user lookup to resolve user_email`);
};

function budgetProps(budget: Budget | null): BudgetProps | undefined {
  if (!budget) return undefined;
  return {
    type: budget.type,
    limit: budget.limit,
    ...(budget.alert_threshold !== undefined ? { alertThreshold: budget.alert_threshold } : {}),
    ...(budget.periodic_reset !== "none" ? { periodicReset: budget.periodic_reset } : {}),
  };
}

function rateLimitProps(limit: RateLimit | null): RateLimitProps | undefined {
  return limit ? { type: limit.type, unit: limit.unit, value: limit.value } : undefined;
}

function routingProps(team: ResolvedTeam, config: TeamsConfig): RoutingProps {
  const { strategy, targets, retry, cache } = team.routing;
  return {
    strategy,
    ...(targets ? { targets: targets.map((t) => ({ integrationSlug: integrationSlug(config, t.region), ...(t.weight !== undefined ? { weight: t.weight } : {}) })) } : {}),
    ...(retry ? { retry: { attempts: retry.attempts, ...(retry.on_status_codes ? { onStatusCodes: retry.on_status_codes } : {}) } } : {}),
    ...(cache ? { cache: { mode: cache.mode, ...(cache.max_age_seconds !== undefined ? { maxAgeSeconds: cache.max_age_seconds } : {}) } } : {}),
  };
}

/**
 * `userIdOf`: a user key's owner id for an email (user_email keys), a token of the team stack's
 * data portkeyadmin_user lookup.
 */
export function teamProps(team: ResolvedTeam, config: TeamsConfig, userIdOf: (email: string) => string = noLookup): ClaudeCodeTeamProps {
  const budget = budgetProps(team.budget);
  const rateLimit = rateLimitProps(team.rate_limit);
  const perDeveloperBudget = budgetProps(team.per_developer_budget);
  return {
    name: team.name,
    // A routed team's primary is its first target's region; otherwise the platform's region.
    integrationSlug: integrationSlug(config, team.routing.targets?.[0]?.region ?? config.portkey.integration.region),
    ...(team.existing_workspace_id ? { existingWorkspaceId: team.existing_workspace_id } : {}),
    ...(budget ? { budget } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    ...(perDeveloperBudget ? { perDeveloperBudget } : {}),
    models: {
      opus: team.models.opus,
      sonnet: team.models.sonnet,
      haiku: team.models.haiku,
      default: team.models.default,
      allowUnknownModels: team.models.allow_unknown_models,
      allowRetiredModels: team.models.allow_retired_models,
    },
    modelCatalogue: config.models_catalogue.catalogue,
    // The team's plan checks its models against Portkey's list of each integration's models.
    checkModelsWithPortkey: config.models_catalogue.from_portkey,
    routing: routingProps(team, config),
    keys: team.keys.map((key) => ({
      name: key.name,
      kind: key.kind,
      ...(key.user_id ? { userId: key.user_id } : key.user_email ? { userId: userIdOf(key.user_email) } : {}),
      ...(key.description ? { description: key.description } : {}),
      metadata: key.metadata,
      ...(key.rotation_days !== undefined ? { rotationDays: key.rotation_days } : {}),
    })),
    metadata: team.metadata,
    settings: {
      mode: team.settings_mode,
      gatewayUrl: config.portkey.gateway_url,
      // The key lives in the platform's GCP project; key_readers may read it.
      ...(team.settings_mode === "api-key-helper" ? { secretManager: { projectId: config.gcp.project_id, accessorMembers: team.key_readers } } : {}),
    },
  };
}
