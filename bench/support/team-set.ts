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

/**
 * The full per-team resource set; extend when resources land.
 *
 * Today only `portkeyadmin_workspace` exists. When the integration access, provider, config,
 * API key and policy resources are merged, add them here (referencing each other the way a real
 * team stack does, so the dependency graph and the critical path are realistic). Every other
 * benchmark derives what it needs from this one function: the resource count (for the floor),
 * the dependency graph (from the state file), requests per resource type (from the emulator's
 * log, see request-kinds.ts).
 *
 * `revision` > 0 must change at least one in-place-updatable attribute of every resource that
 * has one (the update pass of the requests-per-operation benchmark), and nothing that forces a
 * replacement.
 */
export function teamResourceSet(t: Team, revision = 0): string {
  const note = revision === 0 ? "" : ` (revision ${revision})`;
  return `
resource "portkeyadmin_workspace" "${t.label}" {
  name         = "${t.name}"
  description  = "Claude Code for ${t.name}${note}"
  metadata     = { team = "${t.name}", cost_center = "cc-${t.index}" }
  usage_limits = [{ type = "cost", credit_limit = 500, alert_threshold = 400, periodic_reset = "monthly" }]
  rate_limits  = [{ type = "requests", unit = "rpm", value = 600 }]
}
`;
}

/** main.tf for `teams` teams against the emulator at `adminUrl` (the admin key comes from PORTKEY_API_KEY). */
export function providerStack(teams: number, adminUrl: string, revision = 0): string {
  const body = Array.from({ length: teams }, (_, i) => teamResourceSet(team(i), revision)).join("");
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
