/**
 * `team-<name>`: everything one team gets, and what its developers need: per API key the
 * settings.json and managed-settings.json content (sensitive outputs `settings_<key>` and
 * `managed_settings_<key>`), plus a non-secret `summary`. It names the platform's integrations by
 * slug only, so it deploys without the platform's state and a change to it touches no other stack.
 */
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { ResolvedTeam, TeamsConfig } from "../config";
import { ClaudeCodeTeam } from "../../src/constructs/team/claude-code-team";
import { addBackend } from "./backend";
import { addMissingProviders, addPortkeyProvider, TEAM_INTEGRATION_WAIT_SECONDS } from "./providers";
import { addTeamMembers, userLookup } from "./team-members";
import { teamProps } from "./team-props";

export const teamStackName = (team: string) => `team-${team}`;

export interface TeamStackProps {
  readonly config: TeamsConfig;
  readonly team: ResolvedTeam;
}

export class TeamStack extends TerraformStack {
  readonly team: ClaudeCodeTeam;

  constructor(scope: Construct, id: string, { config, team }: TeamStackProps) {
    super(scope, id);
    addBackend(this, config.backend);
    addPortkeyProvider(this, config, { waitForIntegrationSeconds: TEAM_INTEGRATION_WAIT_SECONDS });
    this.team = new ClaudeCodeTeam(this, "team", teamProps(team, config, userLookup(this)));
    addTeamMembers(this, team, this.team.workspaceId);
    for (const key of team.keys) {
      new TerraformOutput(this, `settings_${key.name}`, {
        value: this.team.settingsJson(key.name),
        sensitive: true,
        description: `Claude Code settings.json for key ${key.name}: claude-vertex-portkey onboard reads it.`,
      });
      new TerraformOutput(this, `managed_settings_${key.name}`, {
        value: this.team.managedSettingsJson(key.name),
        sensitive: true,
        description: `managed-settings.json (MDM roll-out) for key ${key.name}.`,
      });
    }
    new TerraformOutput(this, "summary", { value: withoutNulls(this.team.summary), description: "What the team got (no secrets)." });
    addMissingProviders(this, config);
  }
}

/** cdktf cannot synthesize `null` inside an output object (TerraformOutput.synthesizeValue): drop those entries. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]));
}
