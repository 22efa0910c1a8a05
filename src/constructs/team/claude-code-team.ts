/**
 * ClaudeCodeTeam (L3): everything one engineering team gets to use Claude Code through Portkey
 * and Vertex AI — a workspace (or an existing one), access to the platform's integration(s)
 * with the team's budget and rate limit, a provider per integration (the `@slug` Claude Code
 * routes to), an optional routing config (fallback across regions, loadbalance, retries,
 * cache), a per-developer budget, one API key per `keys` entry (rotated every `rotationDays`
 * through a `time_rotating` when set), and each key's rendered
 * Claude Code settings as a Terraform string in which the key stays a reference.
 *
 * It creates no provider blocks and no outputs: the stack does, e.g.
 *   new TerraformOutput(stack, "settings-ci", { value: team.settingsJson("ci"), sensitive: true });
 */
import { Annotations, Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { PortkeyadminApiKey } from "../l1/portkeyadmin/api-key";
import { PortkeyadminConfig } from "../l1/portkeyadmin/config";
import { DataPortkeyadminIntegrationModels } from "../l1/portkeyadmin/data-integration-models";
import { PortkeyadminIntegrationWorkspaceAccess } from "../l1/portkeyadmin/integration-workspace-access";
import { PortkeyadminProviderResource } from "../l1/portkeyadmin/provider-resource";
import { PortkeyadminUsageLimitsPolicy } from "../l1/portkeyadmin/usage-limits-policy";
import { PortkeyadminWorkspace } from "../l1/portkeyadmin/workspace";
import { TimeRotating } from "../l1/time/time-rotating";
import { modelWarnings } from "../portkey/model-checks";
import { parseProps } from "../validation";
import { KeySecret } from "./key-secret";
import type { ClaudeCodeTeamProps } from "./props";
import { needsConfig, routingConfigBody } from "./routing-config";
import { type ParsedBudget, type ParsedTeamProps, teamModelIds, teamModelPolicy, teamPropsSchema } from "./schema";
import { buildSummary, type TeamSummary } from "./summary";
import { type KeySettings, renderKeySettings } from "./team-settings";

export type { ClaudeCodeTeamProps } from "./props";
export type { TeamSummary } from "./summary";

/** The scope Claude Code needs: calling the gateway, nothing else (fact sheet §6.4). */
export const TEAM_KEY_SCOPES = ["completions.write"];

const usageLimit = (budget: ParsedBudget) => ({
  type: budget.type,
  creditLimit: budget.limit,
  alertThreshold: budget.alertThreshold,
  periodicReset: budget.periodicReset,
});

export class ClaudeCodeTeam extends Construct {
  /** The team's workspace id (created, or `existingWorkspaceId`). */
  readonly workspaceId: string;
  /** The created workspace; undefined with `existingWorkspaceId`. */
  readonly workspace?: PortkeyadminWorkspace;
  /** The primary provider's slug (what `x-portkey-provider: @slug` names). */
  readonly providerSlug: string;
  /** One provider per routing target integration; the first is the primary. */
  readonly providers: readonly PortkeyadminProviderResource[];
  /** One workspace access per routing target integration, each with the team's budget and rate limit. */
  readonly integrationAccess: readonly PortkeyadminIntegrationWorkspaceAccess[];
  readonly config?: PortkeyadminConfig;
  /** The routing config's slug (`x-portkey-config`), when the team has one. */
  readonly configSlug?: string;
  readonly perDeveloperBudgetPolicy?: PortkeyadminUsageLimitsPolicy;
  /** With `checkModelsWithPortkey`: one read of each integration's model list, failing the plan for a model it does not serve. */
  readonly modelChecks: readonly DataPortkeyadminIntegrationModels[];
  readonly apiKeys: Readonly<Record<string, PortkeyadminApiKey>>;
  /** The `time_rotating` of each key with `rotationDays`, by key name: its id is the key's rotation_trigger. */
  readonly keyRotations: Readonly<Record<string, TimeRotating>>;
  /** api-key-helper mode: the Secret Manager secret of each key. */
  readonly keySecrets: Readonly<Record<string, KeySecret>>;
  /** Non-secret facts to output: slugs, models, budgets, config, where to look in the dashboard. */
  readonly summary: TeamSummary;

  private readonly settingsByKey: ReadonlyMap<string, KeySettings>;

  constructor(scope: Construct, id: string, props: ClaudeCodeTeamProps) {
    super(scope, id);
    const p = parseProps("ClaudeCodeTeam", teamPropsSchema, props);
    const teamMetadata = { team: p.name, ...(p.metadata ?? {}) };

    if (p.existingWorkspaceId === undefined) {
      this.workspace = new PortkeyadminWorkspace(this, "workspace", {
        name: p.name,
        description: `Claude Code for team ${p.name}`,
        metadata: teamMetadata,
      });
      this.workspaceId = this.workspace.id;
    } else {
      this.workspaceId = p.existingWorkspaceId;
    }

    const integrations = p.routing.strategy === "none" ? [p.integrationSlug] : (p.routing.targets ?? []).map((t) => t.integrationSlug);
    const access: PortkeyadminIntegrationWorkspaceAccess[] = [];
    this.providers = integrations.map((integrationSlug, index) => {
      const suffix = index === 0 ? "" : `-${index + 1}`;
      const grant = new PortkeyadminIntegrationWorkspaceAccess(this, `access${suffix}`, {
        integrationSlug,
        workspaceId: this.workspaceId,
        usageLimits: p.budget ? [usageLimit(p.budget)] : undefined,
        rateLimits: p.rateLimit ? [p.rateLimit] : undefined,
        // This construct manages the team's providers; Portkey's auto-created one would be a second @slug.
        createDefaultProvider: false,
      });
      access.push(grant);
      return new PortkeyadminProviderResource(this, `provider${suffix}`, {
        name: `${p.name}-vertex${suffix}`,
        slug: `${p.name}-vertex${suffix}`,
        integrationId: integrationSlug,
        workspaceId: this.workspaceId,
        note: `Claude Code for team ${p.name}`,
        // Portkey refuses a provider on an integration that is not enabled for the workspace.
        dependsOn: [grant],
      });
    });
    this.integrationAccess = access;
    this.providerSlug = this.providers[0].slug;
    this.modelChecks = p.checkModelsWithPortkey ? this.checkModelsWithPortkey(p, integrations) : [];

    if (needsConfig(p.routing)) {
      this.config = new PortkeyadminConfig(this, "routing", {
        name: `${p.name}-routing`,
        workspaceId: this.workspaceId,
        ...routingConfigBody(
          p.routing,
          this.providers.map((provider) => provider.slug),
        ),
      });
      this.configSlug = this.config.slug;
    }

    if (p.perDeveloperBudget) {
      this.perDeveloperBudgetPolicy = new PortkeyadminUsageLimitsPolicy(this, "per-developer-budget", {
        name: `${p.name} per developer`,
        workspaceId: this.workspaceId,
        conditions: [{ key: "workspace_id", value: this.workspaceId }],
        groupBy: [{ key: "metadata._user" }],
        type: p.perDeveloperBudget.type,
        creditLimit: p.perDeveloperBudget.limit,
        alertThreshold: p.perDeveloperBudget.alertThreshold,
        periodicReset: p.perDeveloperBudget.periodicReset,
      });
      if (p.keys.some((key) => key.kind === "service")) {
        Annotations.of(this).addWarning(
          `perDeveloperBudget counts per metadata._user, but service keys are shared: every developer on a service key counts as one "_user" unless they add x-portkey-metadata {"_user": "<name>"}. Prefer user keys (their _user defaults to the key name).`,
        );
      }
    }

    const apiKeys: Record<string, PortkeyadminApiKey> = {};
    const keyRotations: Record<string, TimeRotating> = {};
    const keySecrets: Record<string, KeySecret> = {};
    const settingsByKey = new Map<string, KeySettings>();
    // One catalogue and one evaluation date for every check of this team.
    const policy = teamModelPolicy(p);
    const warnings = new Set<string>(modelWarnings(teamModelIds(p).map((entry) => entry.id), policy));
    for (const key of p.keys) {
      // A new time_rotating id (after rotationDays) is a new rotation_trigger: Portkey issues a new secret.
      const rotation = key.rotationDays === undefined ? undefined : new TimeRotating(this, `key-rotation-${key.name}`, { rotationDays: key.rotationDays });
      if (rotation) keyRotations[key.name] = rotation;
      const apiKey = new PortkeyadminApiKey(this, `key-${key.name}`, {
        name: `${p.name}-${key.name}`,
        description: key.description,
        type: "workspace",
        subType: key.kind,
        userId: key.userId,
        workspaceId: this.workspaceId,
        scopes: TEAM_KEY_SCOPES,
        metadata: keyMetadata(p, key, teamMetadata),
        configId: this.configSlug,
        rotationTrigger: rotation?.id,
      });
      apiKeys[key.name] = apiKey;
      if (rotation && p.settings.mode !== "api-key-helper") {
        warnings.add(
          `Key "${key.name}" rotates every ${key.rotationDays} days, but in settings mode "${p.settings.mode}" the key is written into each developer's settings.json: after a rotation the old key stops working 30 minutes later, until they run \`claude-vertex-portkey onboard\` again. Fix: use settings mode "api-key-helper" (Claude Code fetches the current key from Secret Manager), or plan a re-onboarding after each rotation.`,
        );
      }

      let apiKeyHelper: string | undefined;
      if (p.settings.mode === "api-key-helper" && p.settings.secretManager) {
        const secret = new KeySecret(this, `secret-${key.name}`, {
          projectId: p.settings.secretManager.projectId,
          secretId: `claude-code-${p.name}-${key.name}`,
          key: apiKey.key,
          accessorMembers: p.settings.secretManager.accessorMembers,
        });
        keySecrets[key.name] = secret;
        apiKeyHelper = secret.helperCommand;
      }
      const rendered = renderKeySettings({
        mode: p.settings.mode,
        gatewayUrl: p.settings.gatewayUrl,
        apiKey: p.settings.mode === "api-key-helper" ? undefined : apiKey.key,
        apiKeyHelper,
        routing: this.configSlug ? { configSlug: this.configSlug } : { providerSlug: this.providerSlug },
        models: { ...p.models, allowUnknownModels: policy.allowUnknownModels },
        modelCatalogue: policy.catalogue,
        disableExperimentalBetas: p.settings.disableExperimentalBetas,
        disableNonessentialTraffic: p.settings.disableNonessentialTraffic,
        legacy:
          p.settings.mode === "legacy-vertex" && p.settings.legacyVertex
            ? { vertexProjectId: p.settings.legacyVertex.projectId, vertexRegion: p.settings.legacyVertex.region, virtualKey: this.providerSlug }
            : undefined,
      });
      settingsByKey.set(key.name, rendered);
      for (const finding of rendered.warnings) warnings.add(`${finding.message} Fix: ${finding.fix}`);
    }
    this.apiKeys = apiKeys;
    this.keyRotations = keyRotations;
    this.keySecrets = keySecrets;
    this.settingsByKey = settingsByKey;
    for (const warning of warnings) Annotations.of(this).addWarning(warning);

    this.summary = buildSummary(p, {
      workspaceId: this.workspaceId,
      providerSlugs: this.providers.map((provider) => provider.slug),
      config: this.config,
    });
  }

  /**
   * Portkey's list of each integration's models is the authority at plan time: a request routed
   * to a target with a `model` override always carries that model, any other carries one of the
   * team's models.
   */
  private checkModelsWithPortkey(p: ParsedTeamProps, integrations: readonly string[]): DataPortkeyadminIntegrationModels[] {
    const teamIds = [...new Set(teamModelIds({ models: p.models, routing: {} }).map((entry) => entry.id))];
    return integrations.map((integrationSlug, index) => {
      const override = p.routing.targets?.[index]?.model;
      return new DataPortkeyadminIntegrationModels(this, `models${index === 0 ? "" : `-${index + 1}`}`, {
        integrationSlug,
        requireModels: override === undefined ? teamIds : [override],
      });
    });
  }

  /**
   * The settings.json of key `keyName` as a sensitive Terraform string (Terraform resolves the
   * key into it at apply time; cdk.tf.json holds only a reference). Output it with `sensitive: true`.
   */
  settingsJson(keyName: string): string {
    return Token.asString(Fn.sensitive(Fn.jsonencode(this.keySettings(keyName).settings)));
  }

  /**
   * The same settings as pretty managed-settings.json text for MDM. Sensitive through the key it
   * holds (Terraform propagates the key's sensitivity; api-key-helper mode holds no secret).
   */
  managedSettingsJson(keyName: string): string {
    return this.keySettings(keyName).managedJson;
  }

  private keySettings(keyName: string): KeySettings {
    const settings = this.settingsByKey.get(keyName);
    if (!settings) {
      throw new Error(`ClaudeCodeTeam ${this.node.path}: no key named "${keyName}"; the team's keys are: ${[...this.settingsByKey.keys()].join(", ")}.`);
    }
    return settings;
  }
}

/**
 * A key's default metadata. A user key is one developer, so its `_user` defaults to the key
 * name (what the per-developer budget counts by). With an existing workspace, whose defaults
 * this construct does not own, the team metadata rides on the key instead (workspace metadata
 * wins over key metadata in Portkey, fact sheet §9.3).
 */
function keyMetadata(p: ParsedTeamProps, key: ParsedTeamProps["keys"][number], teamMetadata: Record<string, string>): Record<string, string> | undefined {
  const metadata = {
    ...(p.existingWorkspaceId === undefined ? {} : teamMetadata),
    ...(key.kind === "user" ? { _user: key.name } : {}),
    ...(key.metadata ?? {}),
  };
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}
