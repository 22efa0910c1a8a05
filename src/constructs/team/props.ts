/**
 * The contract of the Portkey-side constructs: what a stack passes in and reads out. Kept in its
 * own file so the stacks and the constructs can be built against one agreed shape.
 */
import type { ModelCatalogue } from "../models/catalogue";
import type { SettingsMode } from "../settings/render";

export interface BudgetProps {
  /** "cost" (USD) or "tokens". */
  readonly type: "cost" | "tokens";
  /** USD for cost budgets, a token count for token budgets. */
  readonly limit: number;
  /** Alert when usage reaches this value (same unit as `limit`). @default - no alert */
  readonly alertThreshold?: number;
  /** @default - the budget never resets */
  readonly periodicReset?: "monthly" | "weekly";
}

export interface RateLimitProps {
  readonly type: "requests" | "tokens";
  readonly unit: "rpm" | "rph" | "rpd";
  readonly value: number;
}

export interface PortkeyVertexIntegrationProps {
  /** Integration slug; teams reference the platform by it (no remote state crosses stacks). */
  readonly slug: string;
  /** @default the slug */
  readonly name?: string;
  /** Vertex AI region, e.g. "us-east5" or "global". */
  readonly region: string;
  readonly projectId: string;
  /** The service-account key file as JSON: a Terraform reference (token), never a literal. */
  readonly serviceAccountKeyJson: string;
  /** Changing it re-sends the key (write-only attribute); pass the key resource's id so rotation re-sends. */
  readonly keyVersion: string;
  /** Vertex model IDs to allow, or "all". Checked against the model catalogue. */
  readonly models: readonly string[] | "all";
  /** Accept IDs missing from the catalogue (models newer than it). @default false */
  readonly allowUnknownModels?: boolean;
  /** Retired model IDs kept on purpose, for teams that still have access under an exception. @default - none */
  readonly allowRetiredModels?: readonly string[];
  /** The catalogue (and evaluation date) `models` are checked against. @default ModelCatalogue.builtIn() (today) */
  readonly modelCatalogue?: ModelCatalogue;
}

export interface TeamModelsProps {
  readonly opus: string;
  readonly sonnet: string;
  readonly haiku: string;
  /** The `model` setting: an alias (opus/sonnet/haiku) or an ID. */
  readonly default: string;
  /** Accept IDs missing from the catalogue (models newer than it). @default false */
  readonly allowUnknownModels?: boolean;
  /**
   * Retired model IDs the team keeps on purpose because it still has access under an exception;
   * a retired model not named here is refused. @default - none
   */
  readonly allowRetiredModels?: readonly string[];
}

export interface RoutingProps {
  readonly strategy: "none" | "fallback" | "loadbalance";
  /** One entry per integration (one per Vertex region); the first is the primary. */
  readonly targets?: readonly {
    readonly integrationSlug: string;
    readonly weight?: number;
    /** Force this model on requests routed here (override_params.model), e.g. when a region lacks the team's model. @default - the request's model */
    readonly model?: string;
  }[];
  /** @default - no retries */
  readonly retry?: { readonly attempts: number; readonly onStatusCodes?: readonly number[] };
  /** @default - no cache */
  readonly cache?: { readonly mode: "simple" | "semantic"; readonly maxAgeSeconds?: number };
}

export interface TeamKeyProps {
  /** Unique within the team; also the settings output's suffix. */
  readonly name: string;
  readonly kind: "service" | "user";
  /** Required for user keys. */
  readonly userId?: string;
  readonly description?: string;
  /** Sent with every request (x-portkey-metadata defaults on the key). */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Rotate the key every N days: a `time_rotating` (hashicorp/time) feeds the key's
   * `rotation_trigger`, so the first apply after N days has Portkey issue a new secret (the old
   * one keeps working for 30 minutes). In api-key-helper mode the new secret becomes the Secret
   * Manager secret's latest version; in the other modes developers must onboard again.
   * @default - never rotated
   */
  readonly rotationDays?: number;
}

export interface TeamSettingsProps {
  /** @default "provider-slug" */
  readonly mode?: SettingsMode;
  /** Gateway origin without /v1, e.g. https://api.portkey.ai. */
  readonly gatewayUrl: string;
  /** @default false */
  readonly disableExperimentalBetas?: boolean;
  /** api-key-helper mode: where the key lives (GCP Secret Manager) and who may read it. */
  readonly secretManager?: { readonly projectId: string; readonly accessorMembers: readonly string[] };
  /** Set CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 (locked-down networks). @default false */
  readonly disableNonessentialTraffic?: boolean;
  /** legacy-vertex mode only: ANTHROPIC_VERTEX_PROJECT_ID and CLOUD_ML_REGION. Required in that mode. */
  readonly legacyVertex?: { readonly projectId: string; readonly region: string };
}

export interface ClaudeCodeTeamProps {
  /** Team slug: lower-case letters, digits and dashes. */
  readonly name: string;
  /** The platform's primary integration. */
  readonly integrationSlug: string;
  /** Use an existing workspace instead of creating one. @default - a workspace is created */
  readonly existingWorkspaceId?: string;
  /** @default - no team budget */
  readonly budget?: BudgetProps;
  /** @default - no team rate limit */
  readonly rateLimit?: RateLimitProps;
  readonly models: TeamModelsProps;
  /** @default { strategy: "none" } */
  readonly routing?: RoutingProps;
  /** A budget per developer (usage-limits policy grouped by metadata._user). @default - none */
  readonly perDeveloperBudget?: BudgetProps;
  /** At least one. */
  readonly keys: readonly TeamKeyProps[];
  /** Workspace default metadata. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly settings: TeamSettingsProps;
  /** The catalogue (and evaluation date) the team's models are checked against. @default ModelCatalogue.builtIn() (today) */
  readonly modelCatalogue?: ModelCatalogue;
  /**
   * Take the model list from Portkey: read each integration's models at plan time
   * (data portkeyadmin_integration_models) and fail the plan for a model it does not serve. An ID
   * missing from the catalogue is then accepted at synth without allowUnknownModels; retired and
   * retiring models are still judged by the catalogue. Needs the integration's allow-list in place
   * before the team's plan (the platform stack applied first). @default false
   */
  readonly checkModelsWithPortkey?: boolean;
}
