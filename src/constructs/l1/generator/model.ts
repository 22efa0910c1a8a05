/**
 * The provider schema as the emitter sees it: every element (provider, resource, data source)
 * with its fields sorted by name, each field's value shape, and the TypeScript names to use.
 */
import { type BaseClass, camelCase, kebabCase, memberName, pascalCase } from "./names";
import type { AttributeJson, CtyTypeJson, NestedTypeJson, ProviderEntryJson, SchemaJson } from "./schema";

export type Shape =
  | { readonly kind: "string" | "number" | "bool" | "dynamic" }
  | { readonly kind: "list" | "set" | "map"; readonly element: Shape }
  | { readonly kind: "object"; readonly name: string; readonly fields: readonly Field[] };

export interface Field {
  /** The Terraform attribute name (snake_case). */
  readonly name: string;
  /** The TypeScript property / getter name (camelCase). */
  readonly member: string;
  readonly shape: Shape;
  readonly description: string;
  readonly required: boolean;
  /** Set in configuration (required or optional). */
  readonly input: boolean;
  readonly computed: boolean;
  readonly sensitive: boolean;
  readonly writeOnly: boolean;
  readonly deprecated: boolean;
}

export interface Element {
  readonly base: BaseClass;
  /** `portkeyadmin_workspace`, or the provider type name for the provider. */
  readonly typeName: string;
  readonly className: string;
  /** File name without extension, inside the bindings folder. */
  readonly fileName: string;
  readonly description: string;
  readonly deprecated: boolean;
  readonly fields: readonly Field[];
}

export interface ProviderModel {
  readonly source: string;
  readonly providerName: string;
  readonly elements: readonly Element[];
}

const byName = <T>(record: Record<string, T>): [string, T][] => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function ctyShape(type: CtyTypeJson, name: string, where: string): Shape {
  if (typeof type === "string") {
    if (type === "string" || type === "number" || type === "bool" || type === "dynamic") return { kind: type };
    throw new Error(`${where}: unknown primitive type "${type}".`);
  }
  const [kind, inner, optional] = type;
  if (kind === "list" || kind === "set" || kind === "map") return { kind, element: ctyShape(inner as CtyTypeJson, name, where) };
  if (kind === "object") {
    const optionalNames = new Set(Array.isArray(optional) ? (optional as string[]) : []);
    const fields = byName(inner as Record<string, CtyTypeJson>).map(([attribute, attributeType]) =>
      field(attribute, { type: attributeType, required: !optionalNames.has(attribute), optional: optionalNames.has(attribute) }, name, `${where}.${attribute}`, "object"),
    );
    return { kind: "object", name, fields };
  }
  throw new Error(`${where}: the generator has no binding for cty type "${kind}"; use a list, set, map, object or nested attribute instead.`);
}

function nestedShape(nested: NestedTypeJson, name: string, where: string): Shape {
  const fields = byName(nested.attributes).map(([attribute, json]) => field(attribute, json, name, `${where}.${attribute}`, "object"));
  const object: Shape = { kind: "object", name, fields };
  return nested.nesting_mode === "single" ? object : { kind: nested.nesting_mode, element: object };
}

function field(attribute: string, json: AttributeJson, owner: string, where: string, base: BaseClass | "object"): Field {
  const typeName = `${owner}${pascalCase(attribute)}`;
  const shape = json.nested_type ? nestedShape(json.nested_type, typeName, where) : ctyShape(json.type as CtyTypeJson, typeName, where);
  return {
    name: attribute,
    // Fields of nested objects live in plain interfaces: no base-class member to avoid.
    member: base === "object" ? camelCase(attribute) : memberName(attribute, base),
    shape,
    description: json.description ?? "",
    required: json.required === true,
    input: json.required === true || json.optional === true,
    computed: json.computed === true,
    sensitive: json.sensitive === true,
    writeOnly: json.write_only === true,
    deprecated: json.deprecated === true,
  };
}

/** Names Terraform itself reserves in a resource / data source / provider block. */
const TERRAFORM_RESERVED: Record<BaseClass, readonly string[]> = {
  resource: ["connection", "count", "depends_on", "for_each", "lifecycle", "provider", "provisioner"],
  dataSource: ["count", "depends_on", "for_each", "lifecycle", "provider"],
  provider: ["alias", "version"],
};

function element(base: BaseClass, typeName: string, className: string, fileName: string, schema: SchemaJson): Element {
  const clash = Object.keys(schema.block.attributes ?? {}).filter((name) => TERRAFORM_RESERVED[base].includes(name));
  if (clash.length > 0) throw new Error(`${typeName}: attribute name(s) ${clash.join(", ")} are Terraform meta-arguments; rename them in the provider schema.`);
  if (schema.block.block_types && Object.keys(schema.block.block_types).length > 0) {
    throw new Error(`${typeName}: nested blocks (${Object.keys(schema.block.block_types).join(", ")}) have no binding; declare them as nested attributes.`);
  }
  return {
    base,
    typeName,
    className,
    fileName,
    description: schema.block.description ?? "",
    deprecated: schema.block.deprecated === true,
    fields: byName(schema.block.attributes ?? {}).map(([attribute, json]) => field(attribute, json, className, `${typeName}.${attribute}`, base)),
  };
}

/** The model of one provider's schema entry; `source` is `host/namespace/type`. */
export function providerModel(source: string, entry: ProviderEntryJson): ProviderModel {
  const providerName = source.split("/").pop() as string;
  const shortName = (typeName: string) => {
    if (!typeName.startsWith(`${providerName}_`)) throw new Error(`${typeName}: the type name does not start with "${providerName}_".`);
    return typeName.slice(providerName.length + 1);
  };
  const providerClass = `${pascalCase(providerName)}Provider`;
  const elements: Element[] = [element("provider", providerName, providerClass, "provider", entry.provider)];
  for (const [typeName, schema] of byName(entry.resource_schemas ?? {})) {
    // `<name>_provider` (a resource) would take the provider block's class and file: suffix it.
    const clashes = pascalCase(typeName) === providerClass;
    const className = clashes ? `${providerClass}Resource` : pascalCase(typeName);
    const fileName = clashes ? "provider-resource" : kebabCase(shortName(typeName));
    elements.push(element("resource", typeName, className, fileName, schema));
  }
  for (const [typeName, schema] of byName(entry.data_source_schemas ?? {})) {
    elements.push(element("dataSource", typeName, `Data${pascalCase(typeName)}`, `data-${kebabCase(shortName(typeName))}`, schema));
  }
  return { source, providerName, elements };
}
