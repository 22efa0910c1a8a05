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

  /**
   * cdktf resolves every element of a stack once before synthesizing it, only to discover
   * cross-stack references (and add the remote state they need). A team stack has none by
   * construction: its props are plain data and it names the platform by slug. Skipping that
   * pass saves about a fifth of a 100-team synthesis (docs/benchmarks.md, "Synthesis");
   * test/stacks/app/team-stack-prepare.test.ts pins that the output is byte-identical with the
   * pass, and that a token of another stack, were one ever passed in, stays a reference to an
   * undeclared resource, which terraform validate and plan refuse before any change.
   */
  override prepareStack(): void {
    (this as unknown as { ensureBackendExists(): void }).ensureBackendExists();
  }
}

/** cdktf cannot synthesize `null` inside an output object (TerraformOutput.synthesizeValue): drop those entries. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]));
}
