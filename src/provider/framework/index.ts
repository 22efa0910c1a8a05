export {
  type AnyAttribute,
  Attribute,
  type AttributeSpec,
  type Attributes,
  attr,
  type ElementType,
  type Model,
  type SafeParser,
  type Validator,
  type ValidatorFunction,
  types,
} from "./attributes";
export {
  type BaseContext,
  type ConfigureContext,
  type DataSourceDefinition,
  type FoundLeftover,
  defineDataSource,
  defineProvider,
  defineResource,
  type PlanChange,
  type PlanContext,
  type PlanModel,
  type ProviderDefinition,
  type ResourceContext,
  type ResourceDefinition,
  type UpdateChange,
} from "./definition";
export { type AttrPath, type AttrPathStep, Diagnostics, formatPath } from "./diagnostics";
export { createProviderHandlers } from "./handlers";
export type { SchemaDefinition } from "./schema";
export { schemaObjectType, toProtocolSchema } from "./schema";
// Resource code inspects plan models for values not known yet.
export { isUnknown, Unknown, unknown } from "../cty";
