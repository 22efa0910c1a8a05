/**
 * Declarative attribute builders: `attr.string().required().describe("…")`. Each builder records
 * what Terraform needs in the schema and what the framework needs to plan and validate; its
 * type parameter is the JS value resources see in their model.
 */
import { type CtyType, type CtyValue, cty } from "../cty";
import type { AttrPath } from "./diagnostics";

export type Mode = "required" | "optional" | "computed" | "optionalComputed";
export type Nesting = "single" | "list" | "set" | "map";

/** Something that can check a value: zod schemas fit this shape. */
export interface SafeParser {
  safeParse(
    value: unknown,
  ): { success: true } | { success: false; error: { issues: readonly { message: string; path: readonly PropertyKey[] }[] } };
}

/** A check on a known, non-null value: return a message (or several) when it is wrong. */
export type ValidatorFunction<T> = (value: T, path: AttrPath) => string | readonly string[] | undefined;
export type Validator<T> = ValidatorFunction<T> | SafeParser;

/** What the framework knows about one attribute (read by schema, plan and validation code). */
export interface AttributeSpec {
  type: CtyType;
  nested?: { nesting: Nesting; attributes: Attributes };
  mode?: Mode;
  sensitive: boolean;
  writeOnly: boolean;
  deprecated: boolean;
  description: string;
  requiresReplace: boolean;
  useStateForUnknown: boolean;
  hasDefault: boolean;
  default: CtyValue;
  validators: Validator<never>[];
}

export class Attribute<T, M extends "required" | "optional" = "optional"> {
  readonly spec: AttributeSpec;
  /** Type-level only: the JS value of this attribute and whether it can be null. */
  declare readonly __value?: T;
  declare readonly __mode?: M;

  constructor(type: CtyType, nested?: { nesting: Nesting; attributes: Attributes }) {
    this.spec = {
      type,
      nested,
      sensitive: false,
      writeOnly: false,
      deprecated: false,
      description: "",
      requiresReplace: false,
      useStateForUnknown: false,
      hasDefault: false,
      default: null,
      validators: [],
    };
  }

  /** Must be set in configuration; never null. */
  required(): Attribute<T, "required"> {
    this.spec.mode = "required";
    return this as Attribute<T, "required">;
  }

  /** May be set in configuration; null when not. */
  optional(): this {
    this.spec.mode = "optional";
    return this;
  }

  /** Set by the provider only (read from the remote object). */
  computed(): this {
    this.spec.mode = "computed";
    return this;
  }

  /** May be set in configuration; otherwise the provider chooses (or `default` applies). */
  optionalComputed(): this {
    this.spec.mode = "optionalComputed";
    return this;
  }

  /** Shown as `(sensitive value)` by Terraform. */
  sensitive(): this {
    this.spec.sensitive = true;
    return this;
  }

  /** Terraform 1.11 write-only: only in configuration; state and plan always hold null. */
  writeOnly(): this {
    this.spec.writeOnly = true;
    return this;
  }

  deprecated(): this {
    this.spec.deprecated = true;
    return this;
  }

  /** Markdown documentation for this attribute (it becomes the provider's docs). */
  describe(description: string): this {
    this.spec.description = description;
    return this;
  }

  /** Changing this attribute destroys and re-creates the remote object. */
  requiresReplace(): this {
    this.spec.requiresReplace = true;
    return this;
  }

  /** On update, keep the prior state's value instead of planning "(known after apply)". */
  useStateForUnknown(): this {
    this.spec.useStateForUnknown = true;
    return this;
  }

  /** The value planned when configuration leaves this (optionalComputed) attribute unset. */
  default(value: T): this {
    this.spec.hasDefault = true;
    this.spec.default = value as CtyValue;
    return this;
  }

  /** Checks run on known, non-null values (unknown values are skipped until they are known). */
  validate(...validators: Validator<T>[]): this {
    this.spec.validators.push(...(validators as Validator<never>[]));
    return this;
  }
}

export type AnyAttribute = Attribute<unknown, "required" | "optional">;
export type Attributes = Record<string, AnyAttribute>;

type ValueOf<A> = A extends Attribute<infer T, infer M> ? (M extends "required" ? T : T | null) : never;

/** The decoded values of a schema: what resources receive and return. */
export type Model<S extends Attributes> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/** An element type for list / set / map attributes, carrying its JS value type. */
export interface ElementType<T> {
  readonly cty: CtyType;
  readonly __value?: T;
}

export const types = {
  string: { cty: cty.string } as ElementType<string>,
  number: { cty: cty.number } as ElementType<number>,
  bool: { cty: cty.bool } as ElementType<boolean>,
  list: <T>(element: ElementType<T>): ElementType<T[]> => ({ cty: cty.list(element.cty) }),
  set: <T>(element: ElementType<T>): ElementType<T[]> => ({ cty: cty.set(element.cty) }),
  map: <T>(element: ElementType<T>): ElementType<Record<string, T>> => ({ cty: cty.map(element.cty) }),
  object: <O extends Record<string, ElementType<unknown>>>(
    attributes: O,
  ): ElementType<{ [K in keyof O]: O[K] extends ElementType<infer T> ? T | null : never }> => ({
    cty: cty.object(Object.fromEntries(Object.entries(attributes).map(([name, inner]) => [name, inner.cty]))),
  }),
};

export function objectTypeOf(attributes: Attributes): CtyType {
  return cty.object(Object.fromEntries(Object.entries(attributes).map(([name, a]) => [name, a.spec.type])));
}

function nested<N extends Attributes, T>(nesting: Nesting, attributes: N, wrap: (object: CtyType) => CtyType) {
  return new Attribute<T>(wrap(objectTypeOf(attributes)), { nesting, attributes });
}

export const attr = {
  string: () => new Attribute<string>(cty.string),
  /** A JS number; configuration values that a float64 cannot hold exactly are rejected. */
  number: () => new Attribute<number>(cty.number),
  bool: () => new Attribute<boolean>(cty.bool),
  list: <T>(element: ElementType<T>) => new Attribute<T[]>(cty.list(element.cty)),
  set: <T>(element: ElementType<T>) => new Attribute<T[]>(cty.set(element.cty)),
  map: <T>(element: ElementType<T>) => new Attribute<Record<string, T>>(cty.map(element.cty)),
  /** A single nested object (`attr = { … }` in HCL). */
  object: <N extends Attributes>(attributes: N) => nested<N, Model<N>>("single", attributes, (o) => o),
  listNested: <N extends Attributes>(attributes: N) => nested<N, Model<N>[]>("list", attributes, cty.list),
  setNested: <N extends Attributes>(attributes: N) => nested<N, Model<N>[]>("set", attributes, cty.set),
  mapNested: <N extends Attributes>(attributes: N) =>
    nested<N, Record<string, Model<N>>>("map", attributes, cty.map),
};
