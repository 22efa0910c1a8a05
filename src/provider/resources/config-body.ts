/**
 * The gateway config of `portkeyadmin_config` (fact sheet §9.4), as a pure module: the typed
 * spec users write, the rules it must follow (checked before any API call), the JSON sent to
 * `POST/PUT /configs`, and the way back from the JSON the API returns.
 * No framework, client or zod imports: the provider loads this at start-up.
 */

/** One routing rule of a conditional strategy: `query` is a JSON object, `then` a target name. */
export interface ConditionSpec {
  query: string;
  then: string;
}

/** A `{ query, then }` condition (Portkey's field names, fact sheet §9.4), built in one place. */
export function condition<Q>(query: Q, target: string): { query: Q; then: string } {
  // biome-ignore lint/suspicious/noThenProperty: Portkey's own field name; these objects are never awaited.
  return { query, then: target };
}

export interface StrategySpec {
  mode: string;
  on_status_codes: number[] | null;
  conditions: ConditionSpec[] | null;
  default: string | null;
}

export interface OverrideParamsSpec {
  model: string | null;
  max_tokens: number | null;
  /** Other params; each value is decoded as JSON when it is JSON text, else sent as the string. */
  extra: Record<string, string> | null;
}

export interface TargetSpec {
  name: string | null;
  provider: string;
  weight: number | null;
  override_params: OverrideParamsSpec | null;
}

export interface ConfigSpec {
  strategy: StrategySpec | null;
  targets: TargetSpec[];
  retry: { attempts: number; on_status_codes: number[] | null } | null;
  cache: { mode: string; max_age: number | null } | null;
  forward_headers: string[] | null;
  /** Milliseconds. */
  request_timeout: number | null;
}

export type PathStep = string | number | { key: string };

export interface Finding {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail: string;
  readonly path: readonly PathStep[];
}

export const STRATEGY_MODES = ["single", "fallback", "loadbalance", "conditional"] as const;
export const CACHE_MODES = ["simple", "semantic"] as const;
export const MAX_RETRY_ATTEMPTS = 5;

// ---- validation ----

/**
 * Values not known yet (Terraform's "known after apply") are opaque objects of another class;
 * every rule skips them and judges only what is known.
 */
type Loose = unknown;

const isRecord = (value: Loose): value is Record<string, Loose> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
const str = (value: Loose): string | undefined => (typeof value === "string" ? value : undefined);
const num = (value: Loose): number | undefined => (typeof value === "number" ? value : undefined);
const list = (value: Loose): Loose[] | undefined => (Array.isArray(value) ? value : undefined);

/** How a mistyped strategy mode was probably meant: `load-balance` → `loadbalance`. */
export function suggestMode(mode: string): string | undefined {
  const squashed = mode.toLowerCase().replace(/[^a-z]/g, "");
  if (squashed === "roundrobin" || squashed === "weighted") return "loadbalance";
  return STRATEGY_MODES.find((candidate) => candidate === squashed || (squashed.length > 3 && candidate.startsWith(squashed)));
}

/**
 * Claude Code's beta headers make Vertex answer 400 (claude-code-gateway.md, `anthropic-beta`).
 * We cannot see the provider's backend before any API call, so this goes by the names: a
 * `@slug` or model containing "vertex", or a Vertex-style model id (`claude-…@20250929`).
 */
export function looksLikeVertex(provider: string | undefined, model: string | undefined): boolean {
  if (provider?.toLowerCase().includes("vertex")) return true;
  if (model === undefined) return false;
  return model.toLowerCase().includes("vertex") || /^(anthropic\.)?claude-[\w.-]+@\d{8}$/.test(model);
}

function statusCodeFindings(codes: Loose, path: readonly PathStep[]): Finding[] {
  const findings: Finding[] = [];
  list(codes)?.forEach((code, i) => {
    const n = num(code);
    if (n !== undefined && !(Number.isInteger(n) && n >= 100 && n <= 599)) {
      findings.push(error(`Invalid HTTP status code in ${formatPath(path)}`, `${n} is not an HTTP status code: use whole numbers from 100 to 599, e.g. 429 or 503.`, [...path, i]));
    }
  });
  return findings;
}

function error(summary: string, detail: string, path: readonly PathStep[]): Finding {
  return { severity: "error", summary, detail, path };
}

export function formatPath(path: readonly PathStep[]): string {
  let out = "";
  for (const step of path) {
    if (typeof step === "string") out += out ? `.${step}` : step;
    else if (typeof step === "number") out += `[${step}]`;
    else out += `[${JSON.stringify(step.key)}]`;
  }
  return out;
}

/**
 * Every rule of the config, on a spec whose values may be unknown. Errors block the plan;
 * warnings are shown and let it go on.
 */
export function checkConfigSpec(spec: Record<string, Loose>): Finding[] {
  const findings: Finding[] = [];
  const strategy = isRecord(spec.strategy) ? spec.strategy : undefined;
  const rawMode = strategy ? str(strategy.mode) : "single";
  const modeKnown = !strategy || rawMode !== undefined;
  const mode = rawMode && (STRATEGY_MODES as readonly string[]).includes(rawMode) ? rawMode : undefined;
  const targets = list(spec.targets);
  const targetRecords = (targets ?? []).map((target) => (isRecord(target) ? target : undefined));

  if (rawMode !== undefined && mode === undefined) {
    const suggestion = suggestMode(rawMode);
    findings.push(
      error(
        "Unknown strategy.mode",
        `strategy.mode is "${rawMode}"${suggestion ? `; did you mean "${suggestion}"?` : "."} Portkey accepts exactly "single", "fallback", "loadbalance" (one word, no dash or underscore) or "conditional".`,
        ["strategy", "mode"],
      ),
    );
  }

  // Targets: at least one; the count each mode needs.
  if (targets !== undefined && targets.length === 0) {
    findings.push(error("No targets", "targets must list at least one target, e.g. [{ provider = \"@vertex-prod\" }].", ["targets"]));
  }
  if (targets !== undefined && mode === "fallback" && targets.length < 2) {
    findings.push(
      error(
        "Fallback needs at least two targets",
        `strategy.mode = "fallback" tries the targets in order, so it needs at least 2; got ${targets.length}. Add a second target or use mode "single".`,
        ["targets"],
      ),
    );
  }
  if (targets !== undefined && mode === "single" && targets.length > 1) {
    findings.push(
      error(
        "Single mode takes one target",
        `strategy.mode = "single"${strategy ? "" : " (the default without a strategy block)"} routes to exactly one target; got ${targets.length}. Use mode "fallback" or "loadbalance" to spread over several.`,
        strategy ? ["strategy", "mode"] : ["targets"],
      ),
    );
  }

  // Strategy fields that only one mode uses.
  if (strategy && modeKnown) {
    if (strategy.on_status_codes !== null && strategy.on_status_codes !== undefined && mode !== undefined && mode !== "fallback") {
      findings.push(
        error(
          "on_status_codes needs fallback",
          `strategy.on_status_codes lists the statuses that trigger a fallback; it has no effect with mode "${mode}". Remove it or set mode = "fallback".`,
          ["strategy", "on_status_codes"],
        ),
      );
    }
    findings.push(...statusCodeFindings(strategy.on_status_codes, ["strategy", "on_status_codes"]));
    findings.push(...conditionalFindings(strategy, mode, targetRecords));
  }

  // Per-target rules.
  const names = new Map<string, number>();
  targetRecords.forEach((target, i) => {
    if (!target) return;
    const at = (...rest: PathStep[]): PathStep[] => ["targets", i, ...rest];
    const provider = str(target.provider);
    if (provider !== undefined && !/^@[a-zA-Z0-9_-]+$/.test(provider)) {
      const fix = provider.startsWith("@") ? "a slug has only letters, digits, '_' and '-'" : `write "@${provider.trim() || "slug"}"`;
      findings.push(
        error(
          "Provider must be an @slug",
          `targets[${i}].provider is "${provider}"; Portkey addresses a provider by its slug prefixed with @ (e.g. "@vertex-prod", or "@\${portkeyadmin_provider.vertex.slug}"): ${fix}.`,
          at("provider"),
        ),
      );
    }
    const weight = num(target.weight);
    if (weight !== undefined && mode !== undefined && mode !== "loadbalance") {
      findings.push(
        error(
          "Weight needs loadbalance",
          `targets[${i}].weight only applies when strategy.mode = "loadbalance"; the mode is "${mode}". Remove the weight or switch the mode to "loadbalance".`,
          at("weight"),
        ),
      );
    }
    if (weight !== undefined && weight < 0) {
      findings.push(error("Negative weight", `targets[${i}].weight is ${weight}; weights are ≥ 0 (0 sends no traffic, the rest are normalised to 100%).`, at("weight")));
    }
    const name = str(target.name);
    if (name !== undefined) {
      const first = names.get(name);
      if (first !== undefined) {
        findings.push(error("Duplicate target name", `targets[${i}].name "${name}" is already used by targets[${first}]; conditions route by name, so names must be unique.`, at("name")));
      } else names.set(name, i);
    }
    const params = isRecord(target.override_params) ? target.override_params : undefined;
    const maxTokens = num(params?.max_tokens);
    if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens >= 1)) {
      findings.push(error("Invalid max_tokens", `targets[${i}].override_params.max_tokens is ${maxTokens}; use a whole number ≥ 1.`, at("override_params", "max_tokens")));
    }
    if (params && isRecord(params.extra)) {
      for (const key of Object.keys(params.extra)) {
        if (key === "model" || key === "max_tokens") {
          findings.push(
            error(
              `Use override_params.${key}`,
              `targets[${i}].override_params.extra has "${key}", which has its own attribute: set override_params.${key} instead.`,
              at("override_params", "extra", { key }),
            ),
          );
        }
      }
    }
  });
  if (mode === "loadbalance" && targetRecords.length > 0 && targetRecords.every((t) => t && num(t.weight) === 0)) {
    findings.push(error("All weights are zero", "With every targets[*].weight = 0 the load balancer has nowhere to send traffic; give at least one target a positive weight.", ["targets"]));
  }

  findings.push(...retryFindings(spec.retry), ...cacheFindings(spec.cache), ...headerFindings(spec.forward_headers, targetRecords));

  const timeout = num(spec.request_timeout);
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1)) {
    findings.push(error("Invalid request_timeout", `request_timeout is ${timeout}; it is in milliseconds and must be a whole number ≥ 1, e.g. 60000.`, ["request_timeout"]));
  }
  return findings;
}

function conditionalFindings(strategy: Record<string, Loose>, mode: string | undefined, targets: (Record<string, Loose> | undefined)[]): Finding[] {
  const findings: Finding[] = [];
  const conditions = strategy.conditions;
  const hasConditions = conditions !== null && conditions !== undefined;
  const hasDefault = strategy.default !== null && strategy.default !== undefined;
  if (mode !== undefined && mode !== "conditional") {
    if (hasConditions) findings.push(error("conditions need conditional", `strategy.conditions only apply when mode = "conditional" (mode is "${mode}"). Remove them or change the mode.`, ["strategy", "conditions"]));
    if (hasDefault) findings.push(error("default needs conditional", `strategy.default only applies when mode = "conditional" (mode is "${mode}"). Remove it or change the mode.`, ["strategy", "default"]));
    return findings;
  }
  if (mode !== "conditional") return findings;
  const conditionList = list(conditions);
  if (!hasConditions || (conditionList !== undefined && conditionList.length === 0)) {
    findings.push(error("Conditional mode needs conditions", 'strategy.mode = "conditional" needs strategy.conditions = [{ query = jsonencode({...}), then = "<target name>" }].', ["strategy", "conditions"]));
  }
  if (!hasDefault) {
    findings.push(error("Conditional mode needs a default", 'strategy.mode = "conditional" needs strategy.default: the name of the target used when no condition matches.', ["strategy"]));
  }
  // Names are only comparable once every target's name is known.
  const allNamesKnown = targets.every((t) => t !== undefined && (t.name === null || t.name === undefined || typeof t.name === "string"));
  const names = new Set(targets.map((t) => str(t?.name)).filter((n): n is string => n !== undefined));
  const checkName = (name: string | undefined, path: PathStep[], field: string) => {
    if (name === undefined || !allNamesKnown || names.has(name)) return;
    const known = [...names].map((n) => `"${n}"`).join(", ");
    findings.push(error("Unknown target name", `${field} is "${name}" but no target has that name${known ? ` (names: ${known})` : "; give targets a name"}.`, path));
  };
  checkName(str(strategy.default), ["strategy", "default"], "strategy.default");
  conditionList?.forEach((condition, i) => {
    if (!isRecord(condition)) return;
    checkName(str(condition.then), ["strategy", "conditions", i, "then"], `strategy.conditions[${i}].then`);
    const query = str(condition.query);
    if (query === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(query);
    } catch {
      parsed = undefined;
    }
    if (!isRecord(parsed)) {
      findings.push(
        error(
          "Invalid condition query",
          `strategy.conditions[${i}].query must be a JSON object, e.g. jsonencode({ "metadata.team" = { "$eq" = "payments" } }).`,
          ["strategy", "conditions", i, "query"],
        ),
      );
    }
  });
  return findings;
}

function retryFindings(retry: Loose): Finding[] {
  if (!isRecord(retry)) return [];
  const findings: Finding[] = [];
  const attempts = num(retry.attempts);
  if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 0 && attempts <= MAX_RETRY_ATTEMPTS)) {
    findings.push(error("Invalid retry.attempts", `retry.attempts is ${attempts}; Portkey allows a whole number from 0 to ${MAX_RETRY_ATTEMPTS}.`, ["retry", "attempts"]));
  }
  findings.push(...statusCodeFindings(retry.on_status_codes, ["retry", "on_status_codes"]));
  return findings;
}

function cacheFindings(cache: Loose): Finding[] {
  if (!isRecord(cache)) return [];
  const findings: Finding[] = [];
  const mode = str(cache.mode);
  if (mode !== undefined && !(CACHE_MODES as readonly string[]).includes(mode)) {
    findings.push(error("Unknown cache.mode", `cache.mode is "${mode}"; use "simple" (exact match) or "semantic" (similar prompts).`, ["cache", "mode"]));
  }
  const maxAge = num(cache.max_age);
  if (maxAge !== undefined && !(Number.isInteger(maxAge) && maxAge >= 0)) {
    findings.push(error("Invalid cache.max_age", `cache.max_age is ${maxAge}; it is in seconds and must be a whole number ≥ 0, e.g. 3600.`, ["cache", "max_age"]));
  }
  return findings;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function headerFindings(headers: Loose, targets: (Record<string, Loose> | undefined)[]): Finding[] {
  const findings: Finding[] = [];
  list(headers)?.forEach((header, i) => {
    const name = str(header);
    if (name === undefined) return;
    if (!HEADER_NAME.test(name)) {
      findings.push(error("Invalid header name", `forward_headers[${i}] is "${name}", which is not an HTTP header name (letters, digits and -, no spaces or colons).`, ["forward_headers", i]));
    } else if (name.toLowerCase() === "x-portkey-forward-headers") {
      findings.push(error("Cannot forward x-portkey-forward-headers", `forward_headers[${i}]: Portkey rejects forwarding its own x-portkey-forward-headers header; remove it.`, ["forward_headers", i]));
    } else if (name.toLowerCase() === "anthropic-beta") {
      const vertex = targets.findIndex((t) => t !== undefined && looksLikeVertex(str(t.provider), str(isRecord(t.override_params) ? t.override_params.model : undefined)));
      if (vertex >= 0) {
        findings.push({
          severity: "warning",
          summary: "anthropic-beta forwarded to Vertex",
          detail:
            `forward_headers[${i}] forwards anthropic-beta and targets[${vertex}] looks like a Vertex AI provider. Claude Code sends beta headers ` +
            "(interleaved thinking, context management, tool search…) that Vertex rejects with \"400 Unexpected value(s) … for the anthropic-beta header\"; " +
            "Portkey filters them for Vertex unless a config forwards the header. Remove anthropic-beta from forward_headers, or set " +
            "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1 for the teams using this config.",
          path: ["forward_headers", i],
        });
      }
    }
  });
  return findings;
}

// ---- wire form ----

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An `extra` value: JSON text is decoded (`"0.2"` → 0.2, `"true"` → true), other text is a string. */
export function decodeExtra(value: string): Json {
  try {
    return JSON.parse(value) as Json;
  } catch {
    return value;
  }
}

/** The inverse of `decodeExtra`: strings that would decode as something else are JSON-quoted. */
export function encodeExtra(value: unknown): string {
  if (typeof value === "string") return decodeExtra(value) === value ? value : JSON.stringify(value);
  return JSON.stringify(value ?? null);
}

/** The gateway config JSON sent to Portkey, keys in a fixed order. */
export function buildGatewayConfig(spec: ConfigSpec): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  const strategy = spec.strategy ?? (spec.targets.length > 1 ? null : { mode: "single", on_status_codes: null, conditions: null, default: null });
  if (strategy) {
    const s: { [key: string]: Json } = { mode: strategy.mode };
    if (strategy.on_status_codes) s.on_status_codes = [...strategy.on_status_codes];
    if (strategy.conditions) s.conditions = strategy.conditions.map((c) => condition(decodeExtra(c.query), c.then));
    if (strategy.default !== null) s.default = strategy.default;
    out.strategy = s;
  }
  out.targets = spec.targets.map((target) => {
    const t: { [key: string]: Json } = {};
    if (target.name !== null) t.name = target.name;
    t.provider = target.provider;
    if (target.weight !== null) t.weight = target.weight;
    const params = target.override_params;
    if (params) {
      const p: { [key: string]: Json } = {};
      if (params.model !== null) p.model = params.model;
      if (params.max_tokens !== null) p.max_tokens = params.max_tokens;
      const extra = params.extra ?? {};
      for (const key of Object.keys(extra).sort()) p[key] = decodeExtra(extra[key] ?? "");
      t.override_params = p;
    }
    return t;
  });
  if (spec.retry) {
    out.retry = { attempts: spec.retry.attempts, ...(spec.retry.on_status_codes ? { on_status_codes: [...spec.retry.on_status_codes] } : {}) };
  }
  if (spec.cache) out.cache = { mode: spec.cache.mode, ...(spec.cache.max_age === null ? {} : { max_age: spec.cache.max_age }) };
  if (spec.forward_headers) out.forward_headers = [...spec.forward_headers];
  if (spec.request_timeout !== null) out.request_timeout = spec.request_timeout;
  return out;
}

/** JSON with object keys sorted at every depth: equal text ⇔ semantically equal config. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

/** Same config? Compares what the API holds with what a spec would send (key order ignored). */
export function sameConfig(remote: unknown, spec: ConfigSpec): boolean {
  return canonicalJson(remote) === canonicalJson(buildGatewayConfig(spec));
}

const numbers = (value: unknown): number[] | null => (Array.isArray(value) ? value.filter((n): n is number => typeof n === "number") : null);
const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
const count = (value: unknown): number | null => (typeof value === "number" ? value : null);

/**
 * The typed spec of a config the API returned (import, or drift). Keys the schema does not
 * model are dropped here; they still show in `config_json`, so the plan removes them.
 */
export function specFromGatewayConfig(config: Record<string, unknown>): ConfigSpec {
  const strategy = isRecord(config.strategy) ? config.strategy : undefined;
  const targets = Array.isArray(config.targets) ? config.targets.filter(isRecord) : [];
  const retry = isRecord(config.retry) ? config.retry : undefined;
  const cache = isRecord(config.cache) ? config.cache : undefined;
  // The builder adds `mode: "single"` for a lone target; read it back as no strategy block only if
  // that is all there is, so a config written with an explicit block is not rewritten.
  const implicitSingle = strategy !== undefined && Object.keys(strategy).length === 1 && strategy.mode === "single" && targets.length === 1;
  return {
    strategy:
      strategy && !implicitSingle
        ? {
            mode: text(strategy.mode) ?? "single",
            on_status_codes: numbers(strategy.on_status_codes),
            conditions: Array.isArray(strategy.conditions)
              ? strategy.conditions.filter(isRecord).map((c) => condition(canonicalJson(c.query ?? {}), text(c.then) ?? ""))
              : null,
            default: text(strategy.default),
          }
        : null,
    targets: targets.map((target) => {
      const params = isRecord(target.override_params) ? target.override_params : undefined;
      const extraEntries = params ? Object.entries(params).filter(([key]) => key !== "model" && key !== "max_tokens") : [];
      return {
        name: text(target.name),
        provider: text(target.provider) ?? (typeof target.virtual_key === "string" ? target.virtual_key : ""),
        weight: count(target.weight),
        override_params: params
          ? {
              model: text(params.model),
              max_tokens: count(params.max_tokens),
              extra: extraEntries.length > 0 ? Object.fromEntries(extraEntries.map(([key, value]) => [key, encodeExtra(value)])) : null,
            }
          : null,
      };
    }),
    retry: retry ? { attempts: count(retry.attempts) ?? 0, on_status_codes: numbers(retry.on_status_codes) } : null,
    cache: cache ? { mode: text(cache.mode) ?? "simple", max_age: count(cache.max_age) } : null,
    forward_headers: Array.isArray(config.forward_headers) ? config.forward_headers.filter((h): h is string => typeof h === "string") : null,
    request_timeout: count(config.request_timeout),
  };
}
