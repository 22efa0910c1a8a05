/**
 * Defaults merged into each team. A team's own value wins; an object (budget, rate_limit,
 * routing…) replaces the default whole, while models and metadata merge key by key. `null`
 * switches a default budget or rate limit off for one team. What neither sets comes from the
 * built-ins below and the model catalogue.
 */
import { DEFAULT_MODELS } from "../../src/constructs/models/catalogue";
import type { Budget, RateLimit } from "./primitives";
import type { DefaultsData, KeyData, MemberData, RoutingData, SettingsMode, TeamData } from "./schema";

export interface ResolvedModels {
  readonly opus: string;
  readonly sonnet: string;
  readonly haiku: string;
  /** Claude Code's `model` setting: an alias or an ID. */
  readonly default: string;
  readonly allow_unknown_models: boolean;
  /** Retired IDs kept on purpose (the team still has access under an exception). */
  readonly allow_retired_models: readonly string[];
}

export interface ResolvedKey {
  /** Unique within the team; `count` is expanded to `name`, `name-2`, … so raising it never renames a key. */
  readonly name: string;
  readonly kind: "service" | "user";
  readonly user_id?: string;
  /** A user key's owner by email, resolved by the team stack (data portkeyadmin_user). */
  readonly user_email?: string;
  readonly description?: string;
  readonly metadata: Readonly<Record<string, string>>;
  /** Rotate the key every N days. Absent: never rotated. */
  readonly rotation_days?: number;
}

export interface ResolvedTeam {
  readonly name: string;
  /** Set when the team uses an existing workspace; otherwise one is created. */
  readonly existing_workspace_id?: string;
  readonly budget: Budget | null;
  readonly rate_limit: RateLimit | null;
  readonly per_developer_budget: Budget | null;
  readonly models: ResolvedModels;
  readonly routing: RoutingData;
  readonly keys: readonly ResolvedKey[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly settings_mode: SettingsMode;
  /** IAM members who may read the key secret (api-key-helper mode). */
  readonly key_readers: readonly string[];
  /** The team's developers (team-only: defaults cannot list people). Absent: none managed. */
  readonly members?: readonly MemberData[];
}

export const BUILT_IN_KEYS: readonly KeyData[] = [{ name: "claude-code", kind: "service" }];
export const BUILT_IN_ROUTING: RoutingData = { strategy: "none" };

/** `undefined` means "not set here"; `null` is a value (explicitly none). */
const pick = <T>(own: T | undefined, fallback: T | undefined, builtIn: T): T => (own !== undefined ? own : fallback !== undefined ? fallback : builtIn);

export function mergeModels(own: TeamData["models"], defaults: DefaultsData["models"]): ResolvedModels {
  const merged = { ...defaults, ...stripUndefined(own ?? {}) };
  return {
    opus: merged.opus ?? DEFAULT_MODELS.opus,
    sonnet: merged.sonnet ?? DEFAULT_MODELS.sonnet,
    haiku: merged.haiku ?? DEFAULT_MODELS.haiku,
    default: merged.default ?? "sonnet",
    allow_unknown_models: merged.allow_unknown_models ?? false,
    allow_retired_models: merged.allow_retired_models ?? [],
  };
}

export function expandKeys(keys: readonly KeyData[]): ResolvedKey[] {
  return keys.flatMap((key) =>
    Array.from({ length: key.count ?? 1 }, (_, i) => ({
      name: i === 0 ? key.name : `${key.name}-${i + 1}`,
      kind: key.kind,
      ...(key.user_id ? { user_id: key.user_id } : {}),
      ...(key.user_email ? { user_email: key.user_email } : {}),
      ...(key.description ? { description: key.description } : {}),
      metadata: key.metadata ?? {},
      ...(key.rotation_days !== undefined ? { rotation_days: key.rotation_days } : {}),
    })),
  );
}

export function mergeTeam(team: TeamData, defaults: DefaultsData): ResolvedTeam {
  return {
    name: team.name,
    ...(team.existing_workspace_id ? { existing_workspace_id: team.existing_workspace_id } : {}),
    budget: pick(team.budget, defaults.budget, null),
    rate_limit: pick(team.rate_limit, defaults.rate_limit, null),
    per_developer_budget: pick(team.per_developer_budget, defaults.per_developer_budget, null),
    models: mergeModels(team.models, defaults.models),
    routing: pick(team.routing, defaults.routing, BUILT_IN_ROUTING),
    keys: expandKeys(pick(team.keys, defaults.keys, BUILT_IN_KEYS)),
    metadata: { ...defaults.metadata, ...team.metadata },
    settings_mode: pick(team.settings_mode, defaults.settings_mode, "provider-slug"),
    key_readers: pick(team.key_readers, defaults.key_readers, []),
    ...(team.members ? { members: team.members } : {}),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
