/**
 * The Terraform configuration the benchmarks apply: N teams of the per-team resource set
 * against the emulator, and the same number of `terraform_data` resources as Terraform's own
 * floor (no provider at all).
 */
import { PROVIDER_SOURCE } from "../../src/provider/install";

export interface Team {
  /** 0-based position; stable across runs so the same team gets the same objects. */
  readonly index: number;
  /** Portkey-side name, unique per team: `bench-team-007`. */
  readonly name: string;
  /** Terraform label suffix, unique per team: `t007`. */
  readonly label: string;
}

export function team(index: number): Team {
  const padded = String(index).padStart(3, "0");
  return { index, name: `bench-team-${padded}`, label: `t${padded}` };
}

/** The integration every team's access and provider hang off (one per stack, not per team). */
export const INTEGRATION_SLUG = "bench-vertex";

/** A structurally valid, fake service-account key: the write-only attribute needs one. */
const FAKE_KEY = JSON.stringify({
  type: "service_account",
  project_id: "bench-project",
  private_key_id: "bench0000",
  private_key: "-----BEGIN PRIVATE KEY-----\nBENCHFAKEKEY\n-----END PRIVATE KEY-----\n",
  client_email: "portkey@bench-project.iam.gserviceaccount.com",
});

function sharedResources(): string {
  return `
resource "portkeyadmin_integration" "vertex" {
  name                 = "Vertex AI (bench)"
  slug                 = "${INTEGRATION_SLUG}"
  vertex_region        = "us-east5"
  vertex_project_id    = "bench-project"
  service_account_json = jsonencode(${JSON.stringify(JSON.parse(FAKE_KEY))
    .replace(/"([a-z_]+)":/g, "$1 = ")
    .replace(/,(?=[a-z_]+ = )/g, ", ")})
}
`;
}

/**
 * The full per-team resource set, as ClaudeCodeTeam builds it: workspace, integration access
 * with budget and rate limit, the provider slug, a fallback/retry config, a per-developer budget
 * policy and one API key bound to the config. The references between them give the dependency
 * graph (and so the critical path) a real team stack has.
 *
 * `revision` > 0 changes one in-place-updatable attribute of every resource and nothing that
 * forces a replacement (the update pass of the requests-per-operation benchmark).
 */
export function teamResourceSet(t: Team, revision = 0): string {
  const note = revision === 0 ? "" : ` (revision ${revision})`;
  const r = t.label;
  return `
resource "portkeyadmin_workspace" "${r}" {
  name         = "${t.name}"
  description  = "Claude Code for ${t.name}${note}"
  metadata     = { team = "${t.name}", cost_center = "cc-${t.index}" }
}
resource "portkeyadmin_integration_workspace_access" "${r}" {
  integration_slug        = portkeyadmin_integration.vertex.slug
  workspace_id            = portkeyadmin_workspace.${r}.id
  create_default_provider = false
  usage_limits            = [{ type = "cost", credit_limit = 500, alert_threshold = 400, periodic_reset = "monthly" }]
  rate_limits             = [{ type = "requests", unit = "rpm", value = ${600 + revision} }]
}
resource "portkeyadmin_provider" "${r}" {
  name           = "${t.name} on Vertex"
  slug           = "${t.name}-vertex"
  workspace_id   = portkeyadmin_integration_workspace_access.${r}.workspace_id
  integration_id = portkeyadmin_integration_workspace_access.${r}.integration_slug
  note           = "bench${note}"
}
resource "portkeyadmin_config" "${r}" {
  name         = "${t.name}-routing"
  workspace_id = portkeyadmin_workspace.${r}.id
  targets      = [{ provider = "@\${portkeyadmin_provider.${r}.slug}" }]
  retry        = { attempts = ${3 + (revision % 2)}, on_status_codes = [429, 503] }
}
resource "portkeyadmin_usage_limits_policy" "${r}" {
  name           = "${t.name} per developer"
  workspace_id   = portkeyadmin_workspace.${r}.id
  conditions     = [{ key = "workspace_id", value = portkeyadmin_workspace.${r}.id }]
  group_by       = [{ key = "metadata._user" }]
  type           = "cost"
  credit_limit   = ${50 + revision}
  periodic_reset = "monthly"
}
resource "portkeyadmin_api_key" "${r}" {
  name         = "${t.name}-claude-code"
  description  = "Claude Code${note}"
  workspace_id = portkeyadmin_workspace.${r}.id
  config_id    = portkeyadmin_config.${r}.slug
  metadata     = { team = "${t.name}" }
}
`;
}

/** main.tf for `teams` teams against the emulator at `adminUrl` (the admin key comes from PORTKEY_API_KEY). */
export function providerStack(teams: number, adminUrl: string, revision = 0): string {
  const body = sharedResources() + Array.from({ length: teams }, (_, i) => teamResourceSet(team(i), revision)).join("");
  return `terraform {
  required_providers {
    portkeyadmin = { source = "${PROVIDER_SOURCE}" }
  }
}
provider "portkeyadmin" {
  base_url = "${adminUrl}"
}
${body}`;
}

/** Resources per team, counted from the set itself so the floor follows when the set grows. */
export function resourcesPerTeam(): number {
  return (teamResourceSet(team(0)).match(/^resource "/gm) ?? []).length;
}

/** The resource types of the per-team set, e.g. ["portkeyadmin_workspace"]. */
export function resourceTypes(): string[] {
  return [...new Set([...teamResourceSet(team(0)).matchAll(/^resource "(\w+)"/gm)].map((m) => m[1]))];
}

/** main.tf with `count` independent `terraform_data` resources: Terraform's floor. */
export function floorStack(count: number): string {
  return Array.from({ length: count }, (_, i) => `resource "terraform_data" "r${i}" {\n  input = "bench-${i}"\n}\n`).join("");
}
