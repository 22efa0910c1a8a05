/**
 * From attribute builders to what Terraform and the codec need: the protocol `Schema` and the
 * cty object type. Misuse of the builders (no mode, a default on a non-computed attribute …) is
 * a programming error and throws when the provider is built, naming the attribute.
 */
import { type ObjectType, typeToJsonBytes } from "../cty";
import type { Schema, SchemaAttribute, SchemaObject } from "../protocol/types";
import { type Attributes, objectTypeOf } from "./attributes";

export interface SchemaDefinition<S extends Attributes> {
  /** Markdown documentation for the resource, data source or provider. */
  description: string;
  /** Bump when the state layout changes; `upgradeState` then converts older states. */
  version?: number;
  attributes: S;
}

export function schemaObjectType(definition: SchemaDefinition<Attributes>): ObjectType {
  return objectTypeOf(definition.attributes) as ObjectType;
}

/** Meta-arguments Terraform reserves in resource and data blocks. */
const RESERVED_NAMES = new Set(["count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"]);

/** `owner` names the schema in errors; resources and data sources may not use reserved names. */
export function toProtocolSchema(owner: string, definition: SchemaDefinition<Attributes>, reservedNamesApply = true): Schema {
  if (reservedNamesApply) {
    for (const name of Object.keys(definition.attributes)) {
      if (RESERVED_NAMES.has(name)) {
        throw new Error(`${owner}: attribute "${name}" is a Terraform meta-argument name; choose another name (e.g. "${name}_value")`);
      }
    }
  }
  checkAttributes(owner, definition.attributes, "");
  const version = definition.version ?? 0;
  return {
    version,
    block: {
      version,
      attributes: toSchemaAttributes(definition.attributes),
      blockTypes: [],
      description: definition.description,
      descriptionKind: "markdown",
      deprecated: false,
    },
  };
}

function toSchemaAttributes(attributes: Attributes): SchemaAttribute[] {
  return Object.entries(attributes)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, attribute]) => {
      const { spec } = attribute;
      const nestedType: SchemaObject | undefined = spec.nested
        ? { nesting: spec.nested.nesting, attributes: toSchemaAttributes(spec.nested.attributes) }
        : undefined;
      const out: SchemaAttribute = {
        name,
        type: nestedType ? new Uint8Array() : typeToJsonBytes(spec.type),
        description: spec.description,
        descriptionKind: "markdown",
        required: spec.mode === "required",
        optional: spec.mode === "optional" || spec.mode === "optionalComputed",
        computed: spec.mode === "computed" || spec.mode === "optionalComputed",
        sensitive: spec.sensitive,
        deprecated: spec.deprecated,
        writeOnly: spec.writeOnly,
      };
      if (nestedType) out.nestedType = nestedType;
      return out;
    });
}

function checkAttributes(owner: string, attributes: Attributes, prefix: string): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const { spec } = attribute;
    const where = `${owner}: attribute "${prefix}${name}"`;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
      throw new Error(`${where} has an invalid name; use lower_snake_case as Terraform does`);
    }
    if (!spec.mode) {
      throw new Error(`${where} needs a mode: call .required(), .optional(), .computed() or .optionalComputed()`);
    }
    const computed = spec.mode === "computed" || spec.mode === "optionalComputed";
    if (spec.hasDefault && spec.mode !== "optionalComputed") {
      throw new Error(`${where} has a default, which needs .optionalComputed() (the planned value differs from the unset config)`);
    }
    if (spec.useStateForUnknown && !computed) {
      throw new Error(`${where} uses useStateForUnknown(), which only applies to computed attributes`);
    }
    if (spec.writeOnly && computed) {
      throw new Error(`${where} is write-only, so it cannot be computed: Terraform never stores its value`);
    }
    if (spec.writeOnly && (spec.requiresReplace || spec.hasDefault)) {
      throw new Error(`${where} is write-only; requiresReplace() and default() need a stored value to compare with`);
    }
    if (spec.nested) checkAttributes(owner, spec.nested.attributes, `${prefix}${name}.`);
  }
}
