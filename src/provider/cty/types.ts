/**
 * cty types and their JSON encoding (`"string"`, `["list","string"]`, `["object",{...}]`,
 * `"dynamic"`), the form Terraform uses in schemas and in DynamicPseudoType values.
 */

export type CtyType =
  | { readonly kind: "string" }
  | { readonly kind: "number" }
  | { readonly kind: "bool" }
  | { readonly kind: "dynamic" }
  | { readonly kind: "list"; readonly element: CtyType }
  | { readonly kind: "set"; readonly element: CtyType }
  | { readonly kind: "map"; readonly element: CtyType }
  | { readonly kind: "object"; readonly attributes: Readonly<Record<string, CtyType>> }
  | { readonly kind: "tuple"; readonly elements: readonly CtyType[] };

export type ObjectType = Extract<CtyType, { kind: "object" }>;

export const cty = {
  string: { kind: "string" } as CtyType,
  number: { kind: "number" } as CtyType,
  bool: { kind: "bool" } as CtyType,
  dynamic: { kind: "dynamic" } as CtyType,
  list: (element: CtyType): CtyType => ({ kind: "list", element }),
  set: (element: CtyType): CtyType => ({ kind: "set", element }),
  map: (element: CtyType): CtyType => ({ kind: "map", element }),
  object: (attributes: Record<string, CtyType>): ObjectType => ({ kind: "object", attributes }),
  tuple: (elements: CtyType[]): CtyType => ({ kind: "tuple", elements }),
};

export type TypeJson = string | [string, TypeJson | Record<string, TypeJson> | TypeJson[]];

export function typeToJson(type: CtyType): TypeJson {
  switch (type.kind) {
    case "string":
    case "number":
    case "bool":
    case "dynamic":
      return type.kind;
    case "list":
    case "set":
    case "map":
      return [type.kind, typeToJson(type.element)];
    case "object": {
      const attributes: Record<string, TypeJson> = {};
      for (const name of Object.keys(type.attributes).sort()) {
        attributes[name] = typeToJson(type.attributes[name] as CtyType);
      }
      return ["object", attributes];
    }
    case "tuple":
      return ["tuple", type.elements.map(typeToJson)];
  }
}

export function typeToJsonBytes(type: CtyType): Uint8Array {
  return Buffer.from(JSON.stringify(typeToJson(type)), "utf8");
}

export class CtyTypeError extends Error {}

/** Parses a type from its JSON form (already `JSON.parse`d). */
export function typeFromJson(json: unknown): CtyType {
  if (typeof json === "string") {
    if (json === "string" || json === "number" || json === "bool" || json === "dynamic") return { kind: json };
    throw new CtyTypeError(`unknown cty primitive type ${JSON.stringify(json)}`);
  }
  if (!Array.isArray(json) || json.length < 2) {
    throw new CtyTypeError(`invalid cty type JSON ${JSON.stringify(json)}: expected a string or [kind, argument]`);
  }
  const [kind, argument] = json as [unknown, unknown];
  switch (kind) {
    case "list":
    case "set":
    case "map":
      return { kind, element: typeFromJson(argument) };
    case "object": {
      if (!argument || typeof argument !== "object" || Array.isArray(argument)) {
        throw new CtyTypeError("invalid cty object type JSON: the second element must be an object of attribute types");
      }
      const attributes: Record<string, CtyType> = {};
      for (const [name, inner] of Object.entries(argument)) attributes[name] = typeFromJson(inner);
      // A third element lists optional attributes (type constraints only); values never need it.
      return { kind: "object", attributes };
    }
    case "tuple":
      if (!Array.isArray(argument)) throw new CtyTypeError("invalid cty tuple type JSON: the second element must be an array");
      return { kind: "tuple", elements: argument.map(typeFromJson) };
    default:
      throw new CtyTypeError(`unknown cty type kind ${JSON.stringify(kind)}`);
  }
}

export function typeFromJsonBytes(bytes: Uint8Array): CtyType {
  return typeFromJson(JSON.parse(Buffer.from(bytes).toString("utf8")));
}

export function typeEquals(a: CtyType, b: CtyType): boolean {
  return JSON.stringify(typeToJson(a)) === JSON.stringify(typeToJson(b));
}

/** A readable name for messages: `list of string`, `object`. */
export function friendlyTypeName(type: CtyType): string {
  switch (type.kind) {
    case "list":
    case "set":
    case "map":
      return `${type.kind} of ${friendlyTypeName(type.element)}`;
    default:
      return type.kind;
  }
}
