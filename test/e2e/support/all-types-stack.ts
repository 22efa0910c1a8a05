/**
 * One Terraform configuration holding every resource type of the provider once, for the
 * fault-class reliability suite: which Admin API paths write (create) and read each type, so a
 * fault can be aimed at one type's create or read.
 */
export const SERVICE_ACCOUNT_VARIABLE = "service_account_json";
/** An org user the harness makes before each case (invited and accepted), for the membership. */
export const SEEDED_USER_EMAIL = "lead-faults@example.com";

/** Per resource type: the method + path of its create (or upsert) and of its refresh read. */
export const RESOURCE_TYPES = {
  workspace: { create: ["POST", "/v1/admin/workspaces"], read: ["GET", "/v1/admin/workspaces/:id"] },
  integration: { create: ["POST", "/v1/integrations"], read: ["GET", "/v1/integrations/:slug"] },
  integration_workspace_access: { create: ["PUT", "/v1/integrations/:slug/workspaces"], read: ["GET", "/v1/integrations/:slug/workspaces"] },
  integration_models: { create: ["PUT", "/v1/integrations/:slug/models"], read: ["GET", "/v1/integrations/:slug/models"] },
  provider: { create: ["POST", "/v1/providers"], read: ["GET", "/v1/providers/:slug"] },
  virtual_key: { create: ["POST", "/v1/virtual-keys"], read: ["GET", "/v1/virtual-keys/:slug"] },
  config: { create: ["POST", "/v1/configs"], read: ["GET", "/v1/configs/:slug"] },
  api_key: { create: ["POST", "/v1/api-keys/:type/:subType"], read: ["GET", "/v1/api-keys/:id"] },
  usage_limits_policy: { create: ["POST", "/v1/policies/usage-limits"], read: ["GET", "/v1/policies/usage-limits/:id"] },
  rate_limits_policy: { create: ["POST", "/v1/policies/rate-limits"], read: ["GET", "/v1/policies/rate-limits/:id"] },
  user_invite: { create: ["POST", "/v1/admin/users/invites"], read: ["GET", "/v1/admin/users/invites/:id"] },
  workspace_member: { create: ["POST", "/v1/admin/workspaces/:ws/users"], read: ["GET", "/v1/admin/workspaces/:ws/users/:userId"] },
} as const satisfies Record<string, { create: readonly [string, string]; read: readonly [string, string] }>;

export type ResourceType = keyof typeof RESOURCE_TYPES;
export const resourceTypes = Object.keys(RESOURCE_TYPES) as ResourceType[];

/** The whole configuration; `adminUrl` is the emulator's, `timeoutMs` the provider's request timeout. */
export function allTypesStack(adminUrl: string, timeoutMs?: number): string {
  return `terraform {
  required_providers {
    portkeyadmin = { source = "terraform.local/claude-vertex-portkey/portkeyadmin" }
  }
}
provider "portkeyadmin" {
  base_url = "${adminUrl}"
  ${timeoutMs === undefined ? "" : `request_timeout_ms = ${timeoutMs}`}
}
variable "${SERVICE_ACCOUNT_VARIABLE}" {
  type      = string
  sensitive = true
  ephemeral = true
}
resource "portkeyadmin_integration" "vertex" {
  slug                         = "vertex-faults"
  name                         = "Vertex under faults"
  vertex_region                = "us-east5"
  service_account_json         = var.${SERVICE_ACCOUNT_VARIABLE}
  service_account_json_version = "1"
}
resource "portkeyadmin_integration_models" "vertex" {
  integration_slug = portkeyadmin_integration.vertex.slug
  models           = ["claude-sonnet-4-6"]
}
resource "portkeyadmin_workspace" "team" {
  name = "faults-team"
}
resource "portkeyadmin_integration_workspace_access" "team" {
  integration_slug = portkeyadmin_integration.vertex.slug
  workspace_id     = portkeyadmin_workspace.team.id
}
resource "portkeyadmin_provider" "team" {
  name           = "faults-team on Vertex"
  slug           = "faults-team-vertex"
  workspace_id   = portkeyadmin_workspace.team.id
  integration_id = portkeyadmin_integration.vertex.slug
  depends_on     = [portkeyadmin_integration_workspace_access.team]
}
resource "portkeyadmin_virtual_key" "legacy" {
  name                         = "faults-legacy"
  workspace_id                 = portkeyadmin_workspace.team.id
  vertex_region                = "us-east5"
  vertex_project_id            = "demo-project"
  service_account_json         = var.${SERVICE_ACCOUNT_VARIABLE}
  service_account_json_version = "1"
}
resource "portkeyadmin_config" "team" {
  name         = "faults-config"
  workspace_id = portkeyadmin_workspace.team.id
  strategy     = { mode = "fallback", on_status_codes = [429, 503] }
  targets = [
    { provider = "@\${portkeyadmin_provider.team.slug}", override_params = { model = "claude-sonnet-4-6" } },
    { provider = "@\${portkeyadmin_provider.team.slug}", override_params = { model = "claude-opus-4-6" } },
  ]
}
resource "portkeyadmin_api_key" "team" {
  name         = "faults-key"
  workspace_id = portkeyadmin_workspace.team.id
  config_id    = portkeyadmin_config.team.slug
}
resource "portkeyadmin_usage_limits_policy" "team" {
  name           = "faults budget"
  workspace_id   = portkeyadmin_workspace.team.id
  conditions     = [{ key = "workspace_id", value = portkeyadmin_workspace.team.id }]
  group_by       = [{ key = "metadata._user" }]
  type           = "cost"
  credit_limit   = 50
  periodic_reset = "monthly"
}
resource "portkeyadmin_user_invite" "dev" {
  email = "dev-faults@example.com"
  role  = "member"
}
resource "portkeyadmin_workspace_member" "lead" {
  workspace_id = portkeyadmin_workspace.team.id
  email        = "${SEEDED_USER_EMAIL}"
  role         = "admin"
}
resource "portkeyadmin_rate_limits_policy" "team" {
  name         = "faults rate"
  workspace_id = portkeyadmin_workspace.team.id
  conditions   = [{ key = "workspace_id", value = portkeyadmin_workspace.team.id }]
  group_by     = [{ key = "api_key" }]
  type         = "requests"
  unit         = "rpm"
  value        = 100
}
`;
}
