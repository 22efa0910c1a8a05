/**
 * The provider's schema in the shape `terraform providers schema -json` prints, so bindings can be
 * generated from the provider itself, offline, without running terraform.
 */
import type { GetProviderSchemaResponse, Schema, SchemaAttribute, SchemaBlock, SchemaObject } from "./protocol/types";

const decoder = new TextDecoder();

type Json = Record<string, unknown>;

function attributeJson(attribute: SchemaAttribute): Json {
  const out: Json = {};
  if (attribute.nestedType) out.nested_type = objectJson(attribute.nestedType);
  else out.type = JSON.parse(decoder.decode(attribute.type));
  if (attribute.description) {
    out.description = attribute.description;
    out.description_kind = attribute.descriptionKind;
  }
  for (const flag of ["required", "optional", "computed", "sensitive", "deprecated"] as const) {
    if (attribute[flag]) out[flag] = true;
  }
  if (attribute.writeOnly) out.write_only = true;
  return out;
}

function objectJson(object: SchemaObject): Json {
  return { attributes: Object.fromEntries(object.attributes.map((a) => [a.name, attributeJson(a)])), nesting_mode: object.nesting };
}

function blockJson(block: SchemaBlock): Json {
  const out: Json = {};
  if (block.attributes.length > 0) out.attributes = Object.fromEntries(block.attributes.map((a) => [a.name, attributeJson(a)]));
  if (block.blockTypes.length > 0) {
    out.block_types = Object.fromEntries(
      block.blockTypes.map((nested) => {
        const entry: Json = { nesting_mode: nested.nesting, block: blockJson(nested.block) };
        if (nested.minItems) entry.min_items = nested.minItems;
        if (nested.maxItems) entry.max_items = nested.maxItems;
        return [nested.typeName, entry];
      }),
    );
  }
  if (block.description) out.description = block.description;
  out.description_kind = block.descriptionKind;
  if (block.deprecated) out.deprecated = true;
  return out;
}

function schemaJson(schema: Schema): Json {
  return { version: schema.version, block: blockJson(schema.block) };
}

function mapSchemas(schemas: Record<string, Schema>): Json {
  return Object.fromEntries(Object.keys(schemas).sort().map((name) => [name, schemaJson(schemas[name] as Schema)]));
}

/** `{ format_version, provider_schemas: { <source>: { provider, resource_schemas, data_source_schemas } } }` */
export function providerSchemaJson(source: string, response: GetProviderSchemaResponse): Json {
  const entry: Json = { provider: schemaJson(response.provider) };
  if (Object.keys(response.resourceSchemas).length > 0) entry.resource_schemas = mapSchemas(response.resourceSchemas);
  if (Object.keys(response.dataSourceSchemas).length > 0) entry.data_source_schemas = mapSchemas(response.dataSourceSchemas);
  // Terraform keys schemas by the full address; a two-part source means the public registry.
  const address = source.split("/").length === 3 ? source : `registry.terraform.io/${source}`;
  return { format_version: "1.0", provider_schemas: { [address]: entry } };
}
