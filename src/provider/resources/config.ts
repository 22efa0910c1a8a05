/**
 * portkeyadmin_config: a saved gateway routing config (fact sheet §8, config JSON §9.4), written
 * as typed attributes; `config_json` shows the JSON actually sent. Claude Code uses it with the
 * header `x-portkey-config: <slug>`.
 *
 * Import id: the config slug (`pc-…`), or `<workspace_id>/<slug>` to record the workspace in the
 * same form as the configuration (the API reads back the workspace UUID; a slug-vs-UUID
 * difference would plan a replacement).
 *
 * Delete: `DELETE /configs/{slug}`. Portkey may only archive configs; a config whose status reads
 * back "archived" counts as gone (it is re-created, never silently reused).
 */
import type { Config, PortkeyClient } from "../../portkey";
import { attr, defineResource, isUnknown, type Model, type PlanModel, types, unknown } from "../framework";
import { buildGatewayConfig, type ConfigSpec, canonicalJson, checkConfigSpec, sameConfig, specFromGatewayConfig } from "./config-body";
import { deleteUnlessGone, readUnlessGone } from "./gone";
import { configCheck } from "./gone-checks";
import { configLeftover } from "./leftover-lookups";

const statusCodes = (what: string) => attr.list(types.number).optional().describe(what);

const conditionAttributes = {
  query: attr
    .string()
    .required()
    .describe('The match, as a JSON object: `jsonencode({ "metadata.team" = { "$eq" = "payments" } })` (paths `metadata.*`, `params.*`, `url.pathname`; operators `$eq $ne $in $nin $regex $gt $gte $lt $lte $and $or`).'),
  // biome-ignore lint/suspicious/noThenProperty: Portkey's own field name (fact sheet §9.4).
  then: attr.string().required().describe("Name of the target (`targets[*].name`) used when `query` matches."),
};

const strategyAttributes = {
  mode: attr.string().required().describe('"single", "fallback", "loadbalance" (one word) or "conditional".'),
  on_status_codes: statusCodes("Fallback only: the HTTP statuses that move on to the next target. Default: any non-2xx."),
  conditions: attr.listNested(conditionAttributes).optional().describe("Conditional only: rules tried in order."),
  default: attr.string().optional().describe("Conditional only: name of the target used when no condition matches."),
};

const targetAttributes = {
  name: attr.string().optional().describe("Target name, referenced by conditional routing."),
  provider: attr.string().required().describe('The provider as `@slug`, e.g. "@vertex-prod", or "@" joined to a portkeyadmin_provider slug.'),
  weight: attr.number().optional().describe("Loadbalance only: relative share of traffic (≥ 0; 0 sends none)."),
  override_params: attr
    .object({
      model: attr.string().optional().describe("Model for this target, e.g. a Vertex id `claude-haiku-4-5@20251001`."),
      max_tokens: attr.number().optional().describe("Upper bound on output tokens."),
      extra: attr
        .map(types.string)
        .optional()
        .describe('Other request params. A value that is JSON text is sent decoded (`temperature = 0.2` → number 0.2, `"true"` → true); any other text is sent as a string. Use `jsonencode("0.2")` to send the string "0.2".'),
    })
    .optional()
    .describe("Request parameters forced on requests routed to this target."),
};

const attributes = {
  id: attr.string().computed().useStateForUnknown().describe("Config id (UUID)."),
  slug: attr.string().computed().useStateForUnknown().describe("Config slug (`pc-…`, chosen by Portkey): the value of the `x-portkey-config` header."),
  name: attr
    .string()
    .required()
    .describe("Config name, shown in the Portkey dashboard.")
    .validate((name) => (name.trim() === "" ? "name must not be empty" : undefined)),
  workspace_id: attr.string().required().requiresReplace().describe("Workspace UUID or slug. Changing it creates a new config."),
  strategy: attr.object(strategyAttributes).optional().describe('Routing strategy. Unset: mode "single" (one target).'),
  targets: attr.listNested(targetAttributes).required().describe("Where requests go, in order."),
  retry: attr
    .object({
      attempts: attr.number().required().describe("Retries per request, 0 to 5."),
      on_status_codes: statusCodes("Statuses that trigger a retry. Default (Portkey): 429, 500, 502, 503, 504."),
    })
    .optional()
    .describe("Automatic retries."),
  cache: attr
    .object({
      mode: attr.string().required().describe('"simple" (exact match) or "semantic".'),
      max_age: attr.number().optional().describe("Seconds a cached answer stays valid."),
    })
    .optional()
    .describe("Response cache."),
  forward_headers: attr
    .list(types.string)
    .optional()
    .describe("Request headers passed to the provider untouched. Do not forward `anthropic-beta` to Vertex: it answers 400 to Claude Code's beta headers."),
  request_timeout: attr.number().optional().describe("Request timeout in milliseconds."),
  config_json: attr.string().computed().describe("The gateway config JSON sent to Portkey (what `x-portkey-config` resolves to)."),
  version_id: attr.string().computed().describe("Id of the current version; every change of the config makes a new one."),
};

type ConfigModel = Model<typeof attributes>;

function specOf(model: Pick<ConfigModel, keyof ConfigSpec>): ConfigSpec {
  const { strategy, targets, retry, cache, forward_headers, request_timeout } = model;
  return { strategy, targets, retry, cache, forward_headers, request_timeout };
}

/** The JSON text a spec sends: planned ahead so `terraform plan` shows it. */
export function configJsonOf(spec: ConfigSpec): string {
  return JSON.stringify(buildGatewayConfig(spec));
}

function deepUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(deepUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(deepUnknown);
  return false;
}

/**
 * The state for what the API holds. If the remote config means the same as the prior spec, the
 * prior's typed values and JSON text are kept (the API answers a JSON string in its own key
 * order, fact sheet §1.7 #7: comparing meaning, not text, avoids a perpetual diff). Without a
 * prior spec (import), `config_json` is written as a plan would write it whenever the typed
 * attributes hold the whole remote config, so an `import {}` block plans no change either.
 */
function fromRemote(remote: Config, prior: Partial<ConfigModel>): Partial<ConfigModel> {
  const priorSpec = prior.targets ? specOf(prior as ConfigModel) : undefined;
  const body = remote.config;
  const keep = priorSpec !== undefined && (body === undefined || sameConfig(body, priorSpec));
  const spec = keep ? priorSpec : specFromGatewayConfig(body ?? {});
  return {
    id: remote.id,
    slug: remote.slug,
    name: remote.name ?? prior.name ?? null,
    workspace_id: prior.workspace_id ?? remote.workspace_id ?? null,
    ...spec,
    config_json: keep || (body !== undefined && sameConfig(body, spec)) ? configJsonOf(spec) : canonicalJson(body ?? {}),
    version_id: remote.version_id ?? prior.version_id ?? null,
  } as Partial<ConfigModel>;
}

export const configResource = defineResource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_config",
  schema: {
    description: "A Portkey gateway config (routing strategy, targets, retries, cache), typed and validated before any API call. Use its slug as `x-portkey-config`.",
    attributes,
  },

  validate(config, ctx) {
    for (const finding of checkConfigSpec(config as Record<string, unknown>)) {
      if (finding.severity === "error") ctx.diagnostics.error(finding.summary, finding.detail, finding.path);
      else ctx.diagnostics.warning(finding.summary, finding.detail, finding.path);
    }
  },

  plan({ config, planned }) {
    const spec = specOf(config as Model<typeof attributes>);
    const json = deepUnknown(spec) ? unknown : configJsonOf(spec);
    return { ...planned, config_json: json } as PlanModel<typeof attributes>;
  },

  findLeftover: (planned, ctx) => configLeftover(planned, ctx),

  async create(planned, ctx) {
    const created = await ctx.client.configs.create(
      { name: planned.name, workspace_id: planned.workspace_id, config: buildGatewayConfig(specOf(planned)) },
      { signal: ctx.signal },
    );
    return fromRemote(created, planned);
  },

  async read(state, ctx) {
    const remote = await readUnlessGone(
      () => ctx.client.configs.get(String(state.slug), { signal: ctx.signal }),
      configCheck(ctx.client, String(state.slug), state.workspace_id, "read", ctx.signal),
    );
    return remote === undefined || remote.status === "archived" ? null : fromRemote(remote, state);
  },

  async update({ planned, prior }, ctx) {
    const spec = specOf(planned);
    const configChanged = prior.config_json !== configJsonOf(spec);
    const updated = await ctx.client.configs.update(
      String(prior.slug),
      { name: planned.name, ...(configChanged ? { config: buildGatewayConfig(spec) } : {}) },
      { signal: ctx.signal },
    );
    return fromRemote(updated, planned);
  },

  async delete(state, ctx) {
    await deleteUnlessGone(
      () => ctx.client.configs.delete(String(state.slug), { signal: ctx.signal }),
      configCheck(ctx.client, String(state.slug), state.workspace_id, "delete", ctx.signal),
    );
  },

  async import(id) {
    const slash = id.lastIndexOf("/");
    return slash > 0 ? { workspace_id: id.slice(0, slash), slug: id.slice(slash + 1) } : { slug: id };
  },
});
