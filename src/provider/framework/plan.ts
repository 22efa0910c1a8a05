/**
 * Planning an update or create from Terraform's proposed new state (config merged with prior
 * state), in the manner of terraform-plugin-framework:
 * - write-only attributes are planned null;
 * - a computed attribute left unset in config gets its default, or on create "(known after
 *   apply)"; on update it keeps the prior value unless the resource changes, in which case it
 *   becomes unknown, except with `useStateForUnknown()`;
 * - `requiresReplace()` attributes whose planned value differs from the prior state are reported.
 */
import { type CtyObjectValue, type CtyValue, isPlainObject, type ObjectType, Unknown, unknown, valuesEqual } from "../cty";
import type { AttributeSpec, Attributes } from "./attributes";
import type { AttrPath } from "./diagnostics";

export interface PlanResult {
  planned: CtyObjectValue;
  requiresReplace: AttrPath[];
}

export function planObjectChange(
  type: ObjectType,
  attributes: Attributes,
  config: CtyObjectValue,
  prior: CtyObjectValue | null,
  proposed: CtyObjectValue,
): PlanResult {
  const changed = prior === null || !valuesEqual(type, withoutWriteOnly(attributes, proposed), prior);
  const requiresReplace: AttrPath[] = [];
  const planned = planObject(attributes, config, prior ?? undefined, proposed, { changed, requiresReplace }, []);
  return { planned, requiresReplace };
}

/** A copy of `value` with every write-only attribute (at any depth) set to null. */
export function withoutWriteOnly(attributes: Attributes, value: CtyObjectValue): CtyObjectValue {
  const out: CtyObjectValue = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const { spec } = attribute;
    const inner = value[name] ?? null;
    out[name] = spec.writeOnly ? null : spec.nested ? mapNested(spec, inner, (object) => withoutWriteOnly(spec.nested?.attributes ?? {}, object)) : inner;
  }
  return out;
}

/** Applies `fn` to each object inside a nested attribute's value, keeping its shape. */
export function mapNested(
  spec: AttributeSpec,
  value: CtyValue,
  fn: (object: CtyObjectValue, key: string | number) => CtyValue,
): CtyValue {
  if (!spec.nested || value === null || value instanceof Unknown) return value;
  if (spec.nested.nesting === "single") return isPlainObject(value) ? fn(value, 0) : value;
  if (spec.nested.nesting === "map") {
    if (!isPlainObject(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, isPlainObject(item) ? fn(item, key) : item]));
  }
  return Array.isArray(value) ? value.map((item, i) => (isPlainObject(item) ? fn(item, i) : item)) : value;
}

interface PlanState {
  changed: boolean;
  requiresReplace: AttrPath[];
}

function planObject(
  attributes: Attributes,
  config: CtyObjectValue,
  prior: CtyObjectValue | undefined,
  proposed: CtyObjectValue,
  state: PlanState,
  path: AttrPath,
): CtyObjectValue {
  const out: CtyObjectValue = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const { spec } = attribute;
    const at = [...path, name];
    const configValue = config[name] ?? null;
    const priorValue = prior === undefined ? undefined : (prior[name] ?? null);
    const planned = planAttribute(spec, configValue, priorValue, proposed[name] ?? null, state, at);
    out[name] = planned;
    const providerChosen = configValue === null && spec.mode !== "required" && spec.mode !== "optional";
    if (spec.requiresReplace && priorValue !== undefined && !providerChosen && !valuesEqual(spec.type, planned, priorValue)) {
      state.requiresReplace.push(at);
    }
  }
  return out;
}

function planAttribute(
  spec: AttributeSpec,
  config: CtyValue,
  prior: CtyValue | undefined,
  proposed: CtyValue,
  state: PlanState,
  path: AttrPath,
): CtyValue {
  if (spec.writeOnly) return null;
  const computed = spec.mode === "computed" || spec.mode === "optionalComputed";
  if (computed && config === null) {
    if (spec.hasDefault) return spec.default;
    if (prior === undefined) return unknown;
    if (spec.useStateForUnknown && prior !== null) return prior;
    return state.changed ? unknown : proposed;
  }
  if (!spec.nested || config === null || config instanceof Unknown || proposed === null || proposed instanceof Unknown) {
    return proposed;
  }
  const nestedAttributes = spec.nested.attributes;
  return mapNested(spec, proposed, (object, key) => {
    // Set elements cannot be matched to config or prior ones by position; Terraform's proposed
    // element already carries the config values (and any prior values it could correlate).
    const configObject = spec.nested?.nesting === "set" ? object : elementOf(config, key);
    if (!isPlainObject(configObject)) return object;
    const priorObject = spec.nested?.nesting === "set" ? undefined : elementOf(prior ?? null, key);
    const elementPath = spec.nested?.nesting === "single" ? path : [...path, typeof key === "number" ? key : { key }];
    return planObject(
      nestedAttributes,
      configObject,
      isPlainObject(priorObject) ? priorObject : undefined,
      object,
      state,
      elementPath,
    );
  });
}

function elementOf(value: CtyValue, key: string | number): CtyValue | undefined {
  if (Array.isArray(value)) return typeof key === "number" ? value[key] : undefined;
  if (isPlainObject(value)) return typeof key === "string" ? value[key] : key === 0 ? value : undefined;
  return undefined;
}
