/** Visiting the objects inside a nested attribute's value, with the path Terraform expects. */
import { type CtyObjectValue, type CtyValue, isPlainObject } from "../cty";
import type { AttributeSpec } from "./attributes";
import type { AttrPath } from "./diagnostics";

/**
 * Calls `visit` for every object held by a nested attribute's (known, non-null) value.
 * Set elements have no index Terraform understands, so their path stops at the attribute.
 */
export function forEachNestedObject(
  spec: AttributeSpec,
  value: CtyValue,
  path: AttrPath,
  visit: (object: CtyObjectValue, path: AttrPath, key: string | number) => void,
): void {
  if (!spec.nested) return;
  switch (spec.nested.nesting) {
    case "single":
      if (isPlainObject(value)) visit(value, path, 0);
      return;
    case "list":
    case "set":
      if (!Array.isArray(value)) return;
      value.forEach((item, i) => {
        if (isPlainObject(item)) visit(item, spec.nested?.nesting === "list" ? [...path, i] : path, i);
      });
      return;
    case "map":
      if (!isPlainObject(value)) return;
      for (const [key, item] of Object.entries(value)) {
        if (isPlainObject(item)) visit(item, [...path, { key }], key);
      }
      return;
  }
}
