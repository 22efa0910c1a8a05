/**
 * portkeyadmin_api_key ⇄ the Admin API: request bodies, the read-back mapping (with the quirks
 * of fact sheet §1.7 that would otherwise cause perpetual diffs) and cross-attribute checks.
 */
import type { ApiKey, CreateApiKeyInput, UpdateApiKeyInput } from "../../portkey";
import { isUnknown, type PlanModel } from "../framework";
import type { ApiKeyModel, apiKeyAttributes } from "./api-key";
import { usageLimitFromWire, usageLimitToWire } from "./limits";

type RateLimitUnit = "rps" | "rpm" | "rph" | "rpd" | "rpw";

/** Rotation happens when `rotation_trigger` gets a new value; removing it does not rotate. */
export function rotates(next: string | null, previous: string | null): boolean {
  return next !== null && next !== previous;
}

function rateLimitsToWire(model: Pick<ApiKeyModel, "rate_limits">) {
  return (model.rate_limits ?? []).map((l) => ({ type: l.type as "requests" | "tokens", unit: l.unit as RateLimitUnit, value: l.value }));
}

export function apiKeyCreateBody(planned: ApiKeyModel): CreateApiKeyInput {
  const defaults = {
    ...(planned.metadata === null ? {} : { metadata: planned.metadata }),
    ...(planned.config_id === null ? {} : { config_id: planned.config_id }),
    ...(planned.allow_config_override === null ? {} : { allow_config_override: planned.allow_config_override }),
  };
  return {
    type: (planned.type ?? "workspace") as "workspace" | "organisation",
    sub_type: (planned.sub_type ?? "service") as "service" | "user",
    name: planned.name,
    scopes: planned.scopes ?? [],
    ...(planned.description === null ? {} : { description: planned.description }),
    ...(planned.workspace_id === null ? {} : { workspace_id: planned.workspace_id }),
    ...(planned.user_id === null ? {} : { user_id: planned.user_id }),
    ...(planned.rate_limits === null ? {} : { rate_limits: rateLimitsToWire(planned) }),
    ...(planned.usage_limits === null ? {} : { usage_limits: usageLimitToWire(planned.usage_limits) }),
    ...(Object.keys(defaults).length === 0 ? {} : { defaults }),
    ...(planned.alert_emails === null ? {} : { alert_emails: planned.alert_emails }),
    ...(planned.expires_at === null ? {} : { expires_at: planned.expires_at }),
  };
}

/** A full PUT body: `null` clears a field (fact sheet §6.3), so removing an attribute clears it. */
export function apiKeyUpdateBody(model: ApiKeyModel): UpdateApiKeyInput {
  return {
    name: model.name,
    description: model.description ?? "",
    scopes: [...(model.scopes ?? [])].sort(),
    rate_limits: model.rate_limits === null ? null : rateLimitsToWire(model),
    usage_limits: model.usage_limits === null ? null : usageLimitToWire(model.usage_limits),
    defaults: {
      metadata: model.metadata ?? {},
      config_id: model.config_id,
      ...(model.allow_config_override === null ? {} : { allow_config_override: model.allow_config_override }),
    },
    alert_emails: model.alert_emails,
    expires_at: model.expires_at,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a config reference is a UUID (the form Portkey reads back) rather than a slug (`pc-…`). */
export const isUuid = (reference: string): boolean => UUID.test(reference);

/**
 * The config reference to keep in state when no UUID of the bound config is stored (a state
 * written before `config_uuid` existed). Portkey reads `defaults.config_id` back as the config's
 * UUID whichever form was sent (fact sheet §6.2). References of the same form compare as they
 * are, so another config set out of band shows as drift; a slug and a UUID cannot be compared
 * without a lookup, so the form the configuration (or state) uses is kept.
 */
export function configReference(wire: string | null, prior: string | null | undefined): string | null {
  if (wire === null || !prior) return wire;
  return isUuid(wire) === isUuid(prior) ? wire : prior;
}

/** `config_id` as kept in state, and `config_uuid`: the UUID of that config as Portkey reports it. */
export interface ConfigBinding {
  config_id: string | null;
  config_uuid: string | null;
}

/**
 * The key's config after a refresh. Portkey names it by UUID; state keeps the form the
 * configuration uses (a slug, `pc-…`) next to the UUID recorded when the key was last written or
 * imported. The same UUID: nothing changed, the slug stays. Another UUID: the key was bound to
 * another config out of band, and `config_id` takes the API's value (the UUID: its slug would
 * cost a further request) so that the plan shows the update back. No stored UUID (an older
 * state): `configReference`, until the next apply records one.
 */
export function configOnRead(wire: string | null, prior: Partial<ConfigBinding>): ConfigBinding {
  const configId = prior.config_id ?? null;
  const stored = prior.config_uuid ?? null;
  if (wire === null) return { config_id: null, config_uuid: null };
  if (!isUuid(wire)) {
    // A slug answered (the reverse quirk): compare by form; the stored UUID holds while the config does.
    const kept = configReference(wire, configId);
    return { config_id: kept, config_uuid: kept === configId ? stored : null };
  }
  if (stored !== null) return wire === stored ? { config_id: configId, config_uuid: stored } : { config_id: wire, config_uuid: wire };
  const kept = configReference(wire, configId);
  // Only a UUID in state can be matched to the API's without a lookup.
  return { config_id: kept, config_uuid: kept === wire ? wire : null };
}

/**
 * The key's config after a create or an update: the read-back names the config the key was just
 * bound to, so its UUID is recorded (kept from the plan if the API answered a slug).
 */
export function configOnWrite(wire: string | null, planned: Partial<ConfigBinding>): ConfigBinding {
  if (wire === null) return { config_id: null, config_uuid: null };
  return { config_id: configReference(wire, planned.config_id), config_uuid: isUuid(wire) ? wire : (planned.config_uuid ?? null) };
}

/** `[]`/`{}`/`""` read back for never-set values: null, unless the configuration said empty. */
function emptyAs<T>(value: T, isEmpty: boolean, prior: T | null | undefined): T | null {
  if (!isEmpty) return value;
  return prior !== null && prior !== undefined ? value : null;
}

/**
 * The read-back values of a key, laid over `prior`: state on a refresh (`"read"`), the plan
 * after a create or an update (`"write"`). The secret (`key`) is never taken from a read: reads
 * return it masked.
 */
export function apiKeyFromWire(wire: ApiKey, prior: Partial<ApiKeyModel>, after: "read" | "write" = "read"): Partial<ApiKeyModel> {
  const wireConfig = wire.defaults.config_id ?? null;
  const config = after === "write" ? configOnWrite(wireConfig, prior) : configOnRead(wireConfig, prior);
  const wireExpiry = wire.expires_at ?? null;
  const priorExpiry = prior.expires_at ?? null;
  return {
    id: wire.id,
    name: wire.name ?? prior.name,
    description: emptyAs(wire.description ?? "", !wire.description, prior.description),
    type: wire.type ?? prior.type ?? null,
    sub_type: wire.sub_type ?? prior.sub_type ?? null,
    // Portkey reads back the UUID even when the slug was sent (§1.7 #2): keep the caller's form.
    workspace_id: prior.workspace_id ?? wire.workspace_id ?? null,
    user_id: wire.user_id ?? prior.user_id ?? null,
    scopes: wire.scopes.length > 0 ? wire.scopes : (prior.scopes ?? null),
    metadata: emptyAs(wire.defaults.metadata, Object.keys(wire.defaults.metadata).length === 0, prior.metadata),
    config_id: config.config_id,
    config_uuid: config.config_uuid,
    allow_config_override: wire.defaults.allow_config_override ?? wire.allow_config_override ?? null,
    usage_limits: wire.usage_limits ? usageLimitFromWire(wire.usage_limits) : null,
    rate_limits: emptyAs(
      wire.rate_limits.map((l) => ({ type: String(l.type), unit: String(l.unit), value: Number(l.value) })),
      wire.rate_limits.length === 0,
      prior.rate_limits,
    ),
    // The same instant may come back formatted differently (e.g. with milliseconds).
    expires_at: wireExpiry !== null && priorExpiry !== null && Date.parse(wireExpiry) === Date.parse(priorExpiry) ? priorExpiry : wireExpiry,
    alert_emails: emptyAs(wire.alert_emails, wire.alert_emails.length === 0, prior.alert_emails),
    status: wire.status ?? null,
    created_at: wire.created_at ?? prior.created_at ?? null,
  };
}

type Report = (message: string, path: string) => void;
type Config = PlanModel<typeof apiKeyAttributes>;

const known = <T>(value: T) => value !== null && !isUnknown(value);

/** Cross-attribute rules (values not known yet are skipped until they are). */
export function checkApiKeyConfig(config: Config, report: Report): void {
  const type = isUnknown(config.type) ? undefined : (config.type ?? "workspace");
  const subType = isUnknown(config.sub_type) ? undefined : (config.sub_type ?? "service");
  if (type === "workspace" && config.workspace_id === null) {
    report('workspace keys need workspace_id: set it to the workspace id (e.g. portkeyadmin_workspace.team.id), or set type = "organisation" for an Admin key', "workspace_id");
  }
  if (type === "organisation" && known(config.workspace_id)) {
    report('organisation (Admin) keys belong to no workspace: remove workspace_id, or use type = "workspace"', "workspace_id");
  }
  if (type === "organisation" && subType === "user") report('organisation (Admin) keys are service keys only: use sub_type = "service"', "sub_type");
  if (subType === "user" && config.user_id === null) report('user keys need user_id: set it to the user\'s UUID, or use sub_type = "service"', "user_id");
  if (subType === "service" && known(config.user_id)) report('user_id applies to user keys only: remove it, or set sub_type = "user"', "user_id");
  if (known(config.allow_config_override) && config.config_id === null) {
    report("allow_config_override only applies to a default config: set config_id, or remove allow_config_override", "allow_config_override");
  }
  const limits = config.usage_limits;
  if (limits !== null && !isUnknown(limits)) {
    const { credit_limit: limit, alert_threshold: threshold } = limits;
    if (typeof limit === "number" && typeof threshold === "number" && threshold > limit) {
      report(`usage_limits.alert_threshold (${threshold}) must not exceed usage_limits.credit_limit (${limit})`, "usage_limits");
    }
  }
  if (known(config.key_transition_period_ms) && config.rotation_trigger === null) {
    report("key_transition_period_ms applies to rotations: set rotation_trigger too, or remove key_transition_period_ms", "key_transition_period_ms");
  }
}
