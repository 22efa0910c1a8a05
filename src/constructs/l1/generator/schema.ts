/**
 * The shape of `terraform providers schema -json` that the generator reads, declared once with zod,
 * so a schema the generator cannot bind fails with the path of the offending field.
 */
import { z } from "zod";

/** A cty type in Terraform's JSON form: "string", ["list", "number"], ["object", { … }] … */
export type CtyTypeJson = string | [string, ...unknown[]];

export interface AttributeJson {
  readonly type?: CtyTypeJson;
  readonly nested_type?: NestedTypeJson;
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  readonly write_only?: boolean;
}

export interface NestedTypeJson {
  readonly attributes: Record<string, AttributeJson>;
  readonly nesting_mode: "single" | "list" | "set" | "map";
}

const ctyType: z.ZodType<CtyTypeJson> = z.union([z.string(), z.tuple([z.string()]).rest(z.unknown())]);

const attribute: z.ZodType<AttributeJson> = z.lazy(() =>
  z
    .object({
      type: ctyType.optional(),
      nested_type: nestedType.optional(),
      description: z.string().optional(),
      required: z.boolean().optional(),
      optional: z.boolean().optional(),
      computed: z.boolean().optional(),
      sensitive: z.boolean().optional(),
      deprecated: z.boolean().optional(),
      write_only: z.boolean().optional(),
    })
    .refine((a) => (a.type === undefined) !== (a.nested_type === undefined), "an attribute has exactly one of type and nested_type"),
);

const nestedType: z.ZodType<NestedTypeJson> = z.lazy(() =>
  z.object({ attributes: z.record(z.string(), attribute), nesting_mode: z.enum(["single", "list", "set", "map"]) }),
);

const block = z.object({
  attributes: z.record(z.string(), attribute).optional(),
  // The framework declares nested attributes, never blocks; the generator binds what it produces.
  block_types: z.record(z.string(), z.unknown()).optional(),
  description: z.string().optional(),
  deprecated: z.boolean().optional(),
});

const schema = z.object({ version: z.number().optional(), block });
export type SchemaJson = z.infer<typeof schema>;

const providerEntry = z.object({
  provider: schema,
  resource_schemas: z.record(z.string(), schema).optional(),
  data_source_schemas: z.record(z.string(), schema).optional(),
});
export type ProviderEntryJson = z.infer<typeof providerEntry>;

export const providerSchemasJson = z.object({
  format_version: z.string(),
  provider_schemas: z.record(z.string(), providerEntry),
});

/** The one provider in the document, with its source address (`host/namespace/type`). */
export function parseProviderSchema(json: unknown): { source: string; entry: ProviderEntryJson } {
  const parsed = providerSchemasJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`The provider schema is not in \`terraform providers schema -json\` form at ${issue?.path.join(".") || "(root)"}: ${issue?.message}.`);
  }
  const sources = Object.keys(parsed.data.provider_schemas);
  if (sources.length !== 1) throw new Error(`Expected the schema of exactly one provider, got ${sources.length} (${sources.join(", ")}).`);
  const source = sources[0] as string;
  return { source, entry: parsed.data.provider_schemas[source] as ProviderEntryJson };
}
