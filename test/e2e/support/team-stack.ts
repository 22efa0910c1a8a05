/**
 * The "many teams" stack of the convergence and secret-scan suites, as one Terraform
 * configuration: one organisation Vertex integration (its service-account key from a sensitive
 * variable, never a file in the working directory), and per team a workspace, the integration's
 * workspace access with a budget and a rate limit, a team provider, a fallback + retry routing
 * config, a monthly budget per developer, and two API keys bound to the config.
 */
import type { ObjectCounts } from "../../../src/cli/emulator";

export const INTEGRATION_SLUG = "vertex-fleet";
export const SONNET = "claude-sonnet-4-5@20250929";
export const HAIKU = "claude-haiku-4-5@20251001";

/**
 * Set as `TF_VAR_service_account_json`: the key reaches terraform only through the environment,
 * into an ephemeral variable (never written to a plan file) feeding a write-only attribute
 * (never written to state).
 */
export const SERVICE_ACCOUNT_VARIABLE = "service_account_json";

export const teamNames = (teams: number): string[] => Array.from({ length: teams }, (_, index) => `team-${String(index + 1).padStart(2, "0")}`);

/** Resources terraform manages per team, and in total (plus the integration). */
export const RESOURCES_PER_TEAM = 7;
export const resourceCount = (teams: number): number => 1 + RESOURCES_PER_TEAM * teams;

/**
 * What the emulator must hold after apply, exactly. Granting a workspace access to the
 * integration makes Portkey auto-create a provider with the integration's slug in that workspace
 * (fact sheet §3.5), so each team has two providers: that one and the team's own.
 */
export const expectedCounts = (teams: number): ObjectCounts => ({
  workspaces: teams,
  integrations: 1,
  providers: 2 * teams,
  configs: teams,
  apiKeys: 2 * teams,
  usageLimitsPolicies: teams,
  rateLimitsPolicies: 0,
});

export interface TeamStackOptions {
  /** Sets `rotation_trigger` on every team's Claude Code key; changing it rotates them all. */
  readonly rotation?: string;
}

export function teamStackHcl(teams: number, { rotation }: TeamStackOptions = {}): string {
  return `
variable "${SERVICE_ACCOUNT_VARIABLE}" {
  type      = string
  sensitive = true
  ephemeral = true
}

locals {
  teams = toset(${JSON.stringify(teamNames(teams))})
}

resource "portkeyadmin_integration" "vertex" {
  slug                         = "${INTEGRATION_SLUG}"
  name                         = "Vertex for every team"
  vertex_region                = "us-east5"
  service_account_json         = var.${SERVICE_ACCOUNT_VARIABLE}
  service_account_json_version = "1"
}

resource "portkeyadmin_workspace" "team" {
  for_each    = local.teams
  name        = each.key
  description = "Claude Code for \${each.key}"
  metadata    = { team = each.key }
}

resource "portkeyadmin_integration_workspace_access" "team" {
  for_each         = local.teams
  integration_slug = portkeyadmin_integration.vertex.slug
  workspace_id     = portkeyadmin_workspace.team[each.key].id
  usage_limits     = [{ type = "cost", credit_limit = 500, alert_threshold = 400, periodic_reset = "monthly" }]
  rate_limits      = [{ type = "requests", unit = "rpm", value = 600 }]
}

resource "portkeyadmin_provider" "team" {
  for_each       = local.teams
  name           = "\${each.key} on Vertex"
  slug           = "\${each.key}-vertex"
  workspace_id   = portkeyadmin_workspace.team[each.key].id
  integration_id = portkeyadmin_integration.vertex.slug
  usage_limits   = { type = "cost", credit_limit = 300, alert_threshold = 250, periodic_reset = "monthly" }
  rate_limits    = [{ type = "requests", unit = "rpm", value = 300 }]
  # The workspace must have access to the integration before a provider can use it.
  depends_on = [portkeyadmin_integration_workspace_access.team]
}

resource "portkeyadmin_config" "team" {
  for_each     = local.teams
  name         = "claude-code-\${each.key}"
  workspace_id = portkeyadmin_workspace.team[each.key].id
  strategy     = { mode = "fallback", on_status_codes = [429, 503] }
  targets = [
    { provider = "@\${portkeyadmin_provider.team[each.key].slug}", override_params = { model = "${SONNET}" } },
    { provider = "@\${portkeyadmin_integration.vertex.slug}", override_params = { model = "${HAIKU}" } },
  ]
  retry = { attempts = 3, on_status_codes = [429, 502, 503] }
}

resource "portkeyadmin_usage_limits_policy" "per_developer" {
  for_each        = local.teams
  name            = "monthly budget per developer"
  workspace_id    = portkeyadmin_workspace.team[each.key].id
  conditions      = [{ key = "workspace_id", value = portkeyadmin_workspace.team[each.key].id }]
  group_by        = [{ key = "metadata._user" }]
  type            = "cost"
  credit_limit    = 50
  alert_threshold = 40
  periodic_reset  = "monthly"
}

resource "portkeyadmin_api_key" "claude_code" {
  for_each     = local.teams
  name         = "claude-code-\${each.key}"
  workspace_id = portkeyadmin_workspace.team[each.key].id
  config_id    = portkeyadmin_config.team[each.key].slug
  metadata     = { team = each.key }
  rate_limits  = [{ type = "requests", unit = "rpm", value = 60 }]
  ${rotation === undefined ? "" : `rotation_trigger = "${rotation}"`}
}

resource "portkeyadmin_api_key" "ci" {
  for_each     = local.teams
  name         = "ci-\${each.key}"
  description  = "CI jobs of \${each.key}"
  workspace_id = portkeyadmin_workspace.team[each.key].id
  config_id    = portkeyadmin_config.team[each.key].slug
  usage_limits = { type = "cost", credit_limit = 20, periodic_reset = "monthly" }
}
`;
}
