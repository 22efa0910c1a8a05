/**
 * Names in generated code: Terraform's snake_case to TypeScript's camelCase / PascalCase, and the
 * member names the cdktf base classes already use (an attribute named `provider` or `count`
 * would shadow a meta-argument, so it becomes `providerAttribute`).
 */
import { TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from "cdktf";
import { Construct } from "constructs";

export function camelCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  const joined = words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join("");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

export function pascalCase(name: string): string {
  const camel = camelCase(name);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** kebab-case file name: `portkeyadmin_api_key` -> `api-key` once the provider prefix is gone. */
export function kebabCase(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter((w) => w !== "").join("-").toLowerCase();
}

export type BaseClass = "resource" | "dataSource" | "provider";

/** Meta-arguments are config fields and instance fields (undefined ones leave no own property). */
const META_ARGUMENTS = ["alias", "connection", "count", "dependsOn", "forEach", "lifecycle", "provider", "provisioners"];
/** Members the generated classes add themselves. */
const GENERATED_MEMBERS = ["config", "tfResourceType"];

let reserved: Record<BaseClass, ReadonlySet<string>> | undefined;

function memberNames(instance: object): string[] {
  const names: string[] = [];
  for (let proto: object | null = instance; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    names.push(...Object.getOwnPropertyNames(proto));
  }
  return names;
}

/** Every member name of a probe instance of each cdktf base class, read from the installed cdktf. */
export function reservedMembers(base: BaseClass): ReadonlySet<string> {
  if (!reserved) {
    // A bare root construct: an App would create an output folder.
    const stack = new TerraformStack(new Construct(undefined as never, ""), "probe");
    class Resource extends TerraformResource {}
    class DataSource extends TerraformDataSource {}
    class Provider extends TerraformProvider {}
    const make = (instance: object) => new Set([...memberNames(instance), ...META_ARGUMENTS, ...GENERATED_MEMBERS]);
    reserved = {
      resource: make(new Resource(stack, "r", { terraformResourceType: "probe" })),
      dataSource: make(new DataSource(stack, "d", { terraformResourceType: "probe" })),
      provider: make(new Provider(stack, "p", { terraformResourceType: "probe" })),
    };
  }
  return reserved[base];
}

/** The TypeScript member name for a Terraform attribute on a class deriving from `base`. */
export function memberName(attribute: string, base: BaseClass): string {
  const camel = camelCase(attribute);
  return reservedMembers(base).has(camel) ? `${camel}Attribute` : camel;
}
