/**
 * What the generated bindings (portkeyadmin/) call at synthesis: camelCase objects to Terraform's
 * snake_case, leaving tokens alone, and the attribute descriptions `cdktf synth --hcl` renders.
 */
import { type IResolvable, Tokenization } from "cdktf";

/** A nested object's converter: camelCase props in, snake_case attributes out. */
export type ToTerraform<T> = (value: T) => unknown;

/** `value` converted, unless it is absent or a token (resolved later by cdktf). */
export function objectToTerraform<T>(value: T | IResolvable | undefined, convert: ToTerraform<T>): unknown {
  if (value === undefined || value === null || Tokenization.isResolvable(value)) return value;
  return convert(value as T);
}

/** Each element converted; a token list or token element is left for cdktf to resolve. */
export function listToTerraform<T>(value: readonly (T | IResolvable)[] | IResolvable | undefined, convert: ToTerraform<T>): unknown {
  if (value === undefined || value === null || Tokenization.isResolvable(value)) return value;
  return (value as readonly (T | IResolvable)[]).map((item) => objectToTerraform(item, convert));
}

/** Each value converted; map keys are the user's and stay as written. */
export function mapToTerraform<T>(value: Readonly<Record<string, T | IResolvable>> | IResolvable | undefined, convert: ToTerraform<T>): unknown {
  if (value === undefined || value === null || Tokenization.isResolvable(value)) return value;
  return Object.fromEntries(Object.entries(value as Record<string, T | IResolvable>).map(([key, item]) => [key, objectToTerraform(item, convert)]));
}

/** cdktf's HCL renderer input for one attribute. */
export interface HclAttribute {
  readonly value: unknown;
  readonly isBlock: false;
  /** "any" renders the value as a JSON-like expression: right for nested attributes. */
  readonly type: "simple" | "list" | "set" | "map" | "any";
  readonly storageClassType: string;
}

/** The attributes that are set: cdktf renders `name = undefined` otherwise. */
export function hclAttributes(attributes: Record<string, HclAttribute>): Record<string, HclAttribute> {
  return Object.fromEntries(Object.entries(attributes).filter(([, attribute]) => attribute.value !== undefined));
}
