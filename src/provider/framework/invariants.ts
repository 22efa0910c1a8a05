/**
 * Terraform's consistency rules, checked before answering so that a provider bug surfaces as a
 * precise diagnostic naming the attribute instead of "Provider produced inconsistent result":
 * - a planned non-computed value equals config (and a set optional+computed value too);
 * - write-only attributes are null in plan and state;
 * - after apply, no value is unknown and every known planned value is kept.
 */
import { type CtyObjectValue, type CtyType, type CtyValue, isPlainObject, Unknown, valuesEqual } from "../cty";
import type { Attributes } from "./attributes";
import { type AttrPath, formatPath } from "./diagnostics";
import { forEachNestedObject } from "./walk";

export interface Violation {
  path: AttrPath;
  message: string;
}

export function checkPlanned(attributes: Attributes, config: CtyObjectValue, planned: CtyObjectValue, path: AttrPath = []): Violation[] {
  const out: Violation[] = [];
  for (const [name, attribute] of Object.entries(attributes)) {
    const { spec } = attribute;
    const at = [...path, name];
    const configValue = config[name] ?? null;
    const plannedValue = planned[name] ?? null;
    const computed = spec.mode === "computed" || spec.mode === "optionalComputed";
    if (spec.writeOnly) {
      if (plannedValue !== null) out.push({ path: at, message: `planned value for write-only attribute ${formatPath(at)} must be null` });
      continue;
    }
    if (computed && configValue === null) continue;
    if (spec.nested && configValue !== null && !(configValue instanceof Unknown) && !(plannedValue instanceof Unknown)) {
      // Compare element by element: nested computed attributes may legitimately differ.
      if (!sameShape(spec.nested.nesting, configValue, plannedValue)) {
        out.push({ path: at, message: `planned value for ${formatPath(at)} differs from config (different elements)` });
        continue;
      }
      if (spec.nested.nesting === "set") continue;
      forEachNestedObject(spec, plannedValue, at, (object, objectPath, key) => {
        const configObject = elementAt(configValue, key);
        if (isPlainObject(configObject)) out.push(...checkPlanned(spec.nested?.attributes ?? {}, configObject, object, objectPath));
      });
      continue;
    }
    if (!valuesEqual(spec.type, configValue, plannedValue)) {
      const kind = computed ? "configured attribute" : "non-computed attribute";
      out.push({ path: at, message: `planned value for ${kind} ${formatPath(at)} differs from config` });
    }
  }
  return out;
}

/**
 * Checks an applied object against the planned one. Pass `unknown` as `planned` to check only
 * that nothing is left unknown (after read or import); `phase` names the step in messages.
 */
export function checkApplied(type: CtyType, planned: CtyValue, applied: CtyValue, phase = "apply"): Violation[] {
  const out: Violation[] = [];
  walkApplied(type, planned, applied, [], phase, out);
  return out;
}

function walkApplied(type: CtyType, planned: CtyValue, applied: CtyValue, path: AttrPath, phase: string, out: Violation[]): void {
  const where = formatPath(path) || "the object";
  if (applied instanceof Unknown) {
    out.push({ path, message: `unknown value for ${where} after ${phase}` });
    return;
  }
  if (type.kind === "object" && isPlainObject(applied) && (isPlainObject(planned) || planned instanceof Unknown)) {
    for (const [name, inner] of Object.entries(type.attributes)) {
      const plannedInner = isPlainObject(planned) ? (planned[name] ?? null) : planned;
      walkApplied(inner, plannedInner, applied[name] ?? null, [...path, name], phase, out);
    }
    return;
  }
  const unknownAt = findUnknown(type, applied, path);
  if (unknownAt) {
    out.push({ path: unknownAt, message: `unknown value for ${formatPath(unknownAt) || "the object"} after ${phase}` });
    return;
  }
  if (!matchesPlanned(type, planned, applied)) {
    out.push({ path, message: `applied value for ${where} differs from known planned value` });
  }
}

/** Does `applied` keep every known part of `planned`? */
function matchesPlanned(type: CtyType, planned: CtyValue, applied: CtyValue): boolean {
  if (planned instanceof Unknown) return true;
  if (planned === null || applied === null) return planned === applied;
  switch (type.kind) {
    case "list":
      return (
        Array.isArray(planned) &&
        Array.isArray(applied) &&
        planned.length === applied.length &&
        planned.every((item, i) => matchesPlanned(type.element, item, applied[i] as CtyValue))
      );
    case "set":
      // A set holding unknowns can collapse or grow once they are known.
      return findUnknown(type, planned, []) !== undefined || valuesEqual(type, planned, applied);
    case "map":
      return (
        isPlainObject(planned) &&
        isPlainObject(applied) &&
        Object.keys(planned).length === Object.keys(applied).length &&
        Object.entries(planned).every(([key, item]) => key in applied && matchesPlanned(type.element, item, applied[key] as CtyValue))
      );
    case "object":
      return (
        isPlainObject(planned) &&
        isPlainObject(applied) &&
        Object.entries(type.attributes).every(([name, inner]) => matchesPlanned(inner, planned[name] ?? null, applied[name] ?? null))
      );
    default:
      return valuesEqual(type, planned, applied);
  }
}

function findUnknown(type: CtyType, value: CtyValue, path: AttrPath): AttrPath | undefined {
  if (value instanceof Unknown) return path;
  if (Array.isArray(value)) {
    const element = type.kind === "list" || type.kind === "set" ? type.element : undefined;
    for (let i = 0; i < value.length; i++) {
      const elementType = element ?? (type.kind === "tuple" ? (type.elements[i] as CtyType) : type);
      const found = findUnknown(elementType, value[i] as CtyValue, type.kind === "set" ? path : [...path, i]);
      if (found) return found;
    }
  } else if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const innerType = type.kind === "map" ? type.element : type.kind === "object" ? type.attributes[key] : undefined;
      if (!innerType) continue;
      const found = findUnknown(innerType, inner, type.kind === "map" ? [...path, { key }] : [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

function sameShape(nesting: string, config: CtyValue, planned: CtyValue): boolean {
  if (planned === null) return false;
  if (nesting === "single") return isPlainObject(planned);
  if (nesting === "map") {
    return isPlainObject(config) && isPlainObject(planned) && Object.keys(config).sort().join("\0") === Object.keys(planned).sort().join("\0");
  }
  return Array.isArray(config) && Array.isArray(planned) && config.length === planned.length;
}

function elementAt(value: CtyValue, key: string | number): CtyValue | undefined {
  if (Array.isArray(value)) return typeof key === "number" ? value[key] : undefined;
  if (isPlainObject(value)) return typeof key === "string" ? value[key] : value;
  return undefined;
}
