/**
 * Configuration validation: attribute validators (skipping values that are not known yet), the
 * JS-number range of `attr.number()`, and write-only support of the calling Terraform.
 */
import { type CtyObjectValue, type CtyType, type CtyValue, containsUnknown, isPlainObject, Unknown } from "../cty";
import type { ClientCapabilities } from "../protocol/types";
import type { Attributes, Validator } from "./attributes";
import { type AttrPath, type AttrPathStep, type Diagnostics, formatPath } from "./diagnostics";
import { forEachNestedObject } from "./walk";

export function validateAttributes(attributes: Attributes, value: CtyObjectValue, path: AttrPath, diagnostics: Diagnostics): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const { spec } = attribute;
    const inner = value[name] ?? null;
    const at = [...path, name];
    if (inner === null || inner instanceof Unknown) continue;
    if (spec.nested) {
      forEachNestedObject(spec, inner, at, (object, objectPath) => {
        validateAttributes(spec.nested?.attributes ?? {}, object, objectPath, diagnostics);
      });
    } else {
      checkNumbersFit(spec.type, inner, at, diagnostics);
    }
    if (containsUnknown(inner)) continue;
    for (const validator of spec.validators) runValidator(validator, inner, at, diagnostics);
  }
}

function runValidator(validator: Validator<never>, value: CtyValue, path: AttrPath, diagnostics: Diagnostics): void {
  const summary = `Invalid value for ${formatPath(path)}`;
  if (typeof validator === "function") {
    const result = (validator as (value: CtyValue, path: AttrPath) => string | readonly string[] | undefined)(value, path);
    const messages = result === undefined ? [] : typeof result === "string" ? [result] : result;
    for (const message of messages) diagnostics.error(summary, message, path);
    return;
  }
  const parsed = validator.safeParse(value);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const issuePath = [...path, ...issue.path.map((step): AttrPathStep => (typeof step === "number" ? step : String(step)))];
    diagnostics.error(`Invalid value for ${formatPath(issuePath)}`, issue.message, issuePath);
  }
}

/** `attr.number()` promises a JS number: reject values only a bigint or decimal could hold. */
function checkNumbersFit(type: CtyType, value: CtyValue, path: AttrPath, diagnostics: Diagnostics): void {
  if (value === null || value instanceof Unknown) return;
  switch (type.kind) {
    case "number":
      if (typeof value !== "number") {
        diagnostics.error(
          `Number out of range for ${formatPath(path)}`,
          `${String(value)} cannot be held exactly by this provider: use an integer within ±9007199254740991 or a decimal with at most 15 significant digits.`,
          path,
        );
      }
      return;
    case "list":
    case "set":
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          checkNumbersFit(type.element, item, [...path, i], diagnostics);
        });
      }
      return;
    case "map":
      if (isPlainObject(value)) {
        for (const [key, item] of Object.entries(value)) checkNumbersFit(type.element, item, [...path, { key }], diagnostics);
      }
      return;
    case "object":
      if (isPlainObject(value)) {
        for (const [name, inner] of Object.entries(type.attributes)) checkNumbersFit(inner, value[name] ?? null, [...path, name], diagnostics);
      }
      return;
    default:
      return;
  }
}

/** Terraform before 1.11 cannot keep write-only values out of state: refuse them clearly. */
export function checkWriteOnlySupport(
  attributes: Attributes,
  config: CtyObjectValue,
  capabilities: ClientCapabilities | undefined,
  path: AttrPath,
  diagnostics: Diagnostics,
): void {
  if (capabilities?.writeOnlyAttributesAllowed) return;
  for (const [name, attribute] of Object.entries(attributes)) {
    const { spec } = attribute;
    const inner = config[name] ?? null;
    const at = [...path, name];
    if (spec.writeOnly && inner !== null) {
      diagnostics.error(
        `Write-only attribute ${formatPath(at)} is not supported by this Terraform`,
        `${formatPath(at)} is write-only (its value never enters the state), which needs Terraform 1.11 or later. Upgrade Terraform or remove ${formatPath(at)} from the configuration.`,
        at,
      );
    }
    if (spec.nested && inner !== null) {
      forEachNestedObject(spec, inner, at, (object, objectPath) => {
        checkWriteOnlySupport(spec.nested?.attributes ?? {}, object, capabilities, objectPath, diagnostics);
      });
    }
  }
}
