/**
 * The managed-resource RPCs: plan, apply, read, import and state upgrade, each turning protocol
 * values into models for resource code and checking Terraform's invariants on the way back.
 */
import { type CtyObjectValue, type CtyValue, decodeJsonState, unknown, unknownsToNull } from "../cty";
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
  DynamicValue,
  ImportResourceStateRequest,
  ImportResourceStateResponse,
  PlanResourceChangeRequest,
  PlanResourceChangeResponse,
  ReadResourceRequest,
  ReadResourceResponse,
  UpgradeResourceStateRequest,
  UpgradeResourceStateResponse,
} from "../protocol/types";
import type { Attributes } from "./attributes";
import type { PlanContext, PlanModel, ResourceDefinition } from "./definition";
import { type AttrPath, Diagnostics, toAttributePath } from "./diagnostics";
import { decodeObject, encodeDynamicValue, mergeResult, nullObject, withConfigWriteOnly } from "./dynamic-value";
import { checkApplied, checkPlanned } from "./invariants";
import { adoptLeftover } from "./leftovers";
import { planObjectChange, withoutWriteOnly } from "./plan";
import type { Registered, Runtime } from "./runtime";
import { checkWriteOnlySupport } from "./validate";

type Resource<C> = Registered<ResourceDefinition<Attributes, C>>;

/** Looks up the resource or reports the unknown type name. */
function lookup<C>(runtime: Runtime<C>, typeName: string, diagnostics: Diagnostics): Resource<C> | undefined {
  const resource = runtime.resources.get(typeName);
  if (!resource) diagnostics.error(`Unknown resource type ${typeName}`, `This provider has no resource type "${typeName}".`);
  return resource;
}

/** Decodes a request value, reporting a decode failure as a diagnostic. */
function decode(resource: Resource<unknown>, value: DynamicValue | undefined, what: string, diagnostics: Diagnostics) {
  try {
    return { ok: true as const, value: decodeObject(resource.type, value) };
  } catch (error) {
    diagnostics.error(`${resource.definition.typeName}: cannot decode the ${what}`, (error as Error).message);
    return { ok: false as const };
  }
}

/** Encodes an answer; a value that does not fit the schema is a provider bug named precisely. */
function encode(resource: Resource<unknown>, value: CtyValue, what: string, diagnostics: Diagnostics): DynamicValue | undefined {
  try {
    return encodeDynamicValue(resource.type, value);
  } catch (error) {
    diagnostics.error(`Provider bug in ${resource.definition.typeName}: the ${what} does not match the schema`, (error as Error).message);
    return undefined;
  }
}

export async function planResourceChange<C>(
  runtime: Runtime<C>,
  req: PlanResourceChangeRequest,
  signal: AbortSignal,
): Promise<PlanResourceChangeResponse> {
  const diagnostics = new Diagnostics();
  const answer = (plannedState?: DynamicValue, requiresReplace: AttrPath[] = []): PlanResourceChangeResponse => ({
    plannedState,
    requiresReplace: requiresReplace.map(toAttributePath),
    plannedPrivate: req.priorPrivate,
    diagnostics: runtime.finish(diagnostics),
  });
  const resource = lookup(runtime, req.typeName, diagnostics);
  if (!resource) return answer();
  const prior = decode(resource, req.priorState, "prior state", diagnostics);
  const proposed = decode(resource, req.proposedNewState, "proposed new state", diagnostics);
  const config = decode(resource, req.config, "configuration", diagnostics);
  if (!prior.ok || !proposed.ok || !config.ok) return answer();
  // Destroy: Terraform proposes null and the plan is null.
  if (proposed.value === null) return answer(encode(resource, null, "planned state", diagnostics));

  const configValue = config.value ?? nullObject(resource.attributes);
  checkWriteOnlySupport(resource.attributes, configValue, req.clientCapabilities, [], diagnostics);
  if (diagnostics.hasErrors) return answer();
  let { planned, requiresReplace } = planObjectChange(resource.type, resource.attributes, configValue, prior.value, proposed.value);

  const { definition } = resource;
  if (definition.plan) {
    const ctx = runtime.resourceContext(definition.typeName, "planning", diagnostics, signal);
    if (!ctx) return answer();
    const planContext: PlanContext<C> = { ...ctx, requireReplace: (path) => requiresReplace.push(path) };
    const change = { config: configValue as PlanModel<Attributes>, prior: prior.value, planned: planned as PlanModel<Attributes> };
    const hook = definition.plan.bind(definition);
    const result = await runtime.guard(`${definition.typeName}: planning failed`, diagnostics, () => hook(change, planContext));
    if (!result.ok) return answer();
    if (result.value) planned = mergeResult(planned, result.value);
  }
  if (prior.value === null) requiresReplace = []; // nothing to replace on create
  runtime.reportViolations(definition.typeName, checkPlanned(resource.attributes, configValue, planned), diagnostics);
  if (diagnostics.hasErrors) return answer();
  return answer(encode(resource, planned, "planned state", diagnostics), requiresReplace);
}

export async function applyResourceChange<C>(
  runtime: Runtime<C>,
  req: ApplyResourceChangeRequest,
  signal: AbortSignal,
): Promise<ApplyResourceChangeResponse> {
  const diagnostics = new Diagnostics();
  const answer = (newState?: DynamicValue): ApplyResourceChangeResponse => ({
    newState,
    private: req.plannedPrivate,
    diagnostics: runtime.finish(diagnostics),
  });
  const resource = lookup(runtime, req.typeName, diagnostics);
  if (!resource) return answer();
  const prior = decode(resource, req.priorState, "prior state", diagnostics);
  const planned = decode(resource, req.plannedState, "planned state", diagnostics);
  const config = decode(resource, req.config, "configuration", diagnostics);
  if (!prior.ok || !planned.ok || !config.ok) return answer();
  const { definition } = resource;
  const keepPrior = () => answer(encode(resource, prior.value, "prior state", diagnostics));

  if (planned.value === null) {
    if (prior.value === null) return answer(encode(resource, null, "new state", diagnostics));
    const ctx = runtime.resourceContext(definition.typeName, "delete", diagnostics, signal);
    if (!ctx) return keepPrior();
    const state = prior.value;
    const deleted = await runtime.guard(`${definition.typeName}: delete failed`, diagnostics, () => definition.delete(state, ctx));
    ctx.memory.handle(definition.typeName, state.id, state.slug);
    return deleted.ok && !diagnostics.hasErrors ? answer(encode(resource, null, "new state", diagnostics)) : keepPrior();
  }

  const creating = prior.value === null;
  const ctx = runtime.resourceContext(definition.typeName, creating ? "create" : "update", diagnostics, signal);
  if (!ctx) return creating ? answer(encode(resource, null, "new state", diagnostics)) : keepPrior();
  const model = unknownsToNull(withConfigWriteOnly(resource.attributes, planned.value, config.value)) as CtyObjectValue;
  const priorState = prior.value;
  const plannedValue = planned.value;
  const result = await runtime.guard(`${definition.typeName}: ${creating ? "create" : "update"} failed`, diagnostics, async () => {
    if (priorState !== null) return definition.update({ planned: model, prior: priorState }, ctx);
    return (await adoptLeftover(definition, resource.type, resource.attributes, plannedValue, model, ctx)) ?? definition.create(model, ctx);
  });
  if (priorState !== null) ctx.memory.handle(definition.typeName, priorState.id, priorState.slug);
  if (!result.ok) return creating ? answer(encode(resource, null, "new state", diagnostics)) : keepPrior();
  ctx.memory.handle(definition.typeName, result.value.id, result.value.slug);

  const newState = withoutWriteOnly(resource.attributes, mergeResult(planned.value, result.value));
  const violations = checkApplied(resource.type, planned.value, newState);
  runtime.reportViolations(definition.typeName, violations, diagnostics);
  // With errors reported, Terraform stores what it gets; it must not contain unknowns.
  return answer(encode(resource, violations.length > 0 ? unknownsToNull(newState) : newState, "new state", diagnostics));
}

export async function readResource<C>(runtime: Runtime<C>, req: ReadResourceRequest, signal: AbortSignal): Promise<ReadResourceResponse> {
  const diagnostics = new Diagnostics();
  const answer = (newState?: DynamicValue): ReadResourceResponse => ({
    newState,
    private: req.private,
    diagnostics: runtime.finish(diagnostics),
  });
  const resource = lookup(runtime, req.typeName, diagnostics);
  if (!resource) return answer();
  const current = decode(resource, req.currentState, "current state", diagnostics);
  if (!current.ok) return answer();
  const state = current.value;
  if (state === null) return answer(encode(resource, null, "new state", diagnostics));
  const { definition } = resource;
  const ctx = runtime.resourceContext(definition.typeName, "read", diagnostics, signal);
  if (!ctx) return answer(req.currentState);
  const result = await runtime.guard(`${definition.typeName}: read failed`, diagnostics, () => definition.read(state, ctx));
  if (!result.ok) return answer(req.currentState);
  // null: the remote object is gone, and Terraform plans to create it again.
  if (result.value === null) return answer(encode(resource, null, "new state", diagnostics));
  const newState = withoutWriteOnly(resource.attributes, mergeResult(state, result.value));
  const violations = checkApplied(resource.type, unknown, newState, "read");
  runtime.reportViolations(definition.typeName, violations, diagnostics);
  if (violations.length > 0) return answer(req.currentState);
  return answer(encode(resource, newState, "new state", diagnostics));
}

export async function importResourceState<C>(
  runtime: Runtime<C>,
  req: ImportResourceStateRequest,
  signal: AbortSignal,
): Promise<ImportResourceStateResponse> {
  const diagnostics = new Diagnostics();
  const answer = (state?: DynamicValue): ImportResourceStateResponse => ({
    importedResources: state ? [{ typeName: req.typeName, state, private: new Uint8Array() }] : [],
    diagnostics: runtime.finish(diagnostics),
  });
  const resource = lookup(runtime, req.typeName, diagnostics);
  if (!resource) return answer();
  const { definition } = resource;
  const importer = definition.import?.bind(definition);
  if (!importer) {
    diagnostics.error(`${definition.typeName} cannot be imported`, `The ${definition.typeName} resource does not support import.`);
    return answer();
  }
  const ctx = runtime.resourceContext(definition.typeName, "import", diagnostics, signal);
  if (!ctx) return answer();
  const result = await runtime.guard(`${definition.typeName}: import of "${req.id}" failed`, diagnostics, () => importer(req.id, ctx));
  if (!result.ok || diagnostics.hasErrors) return answer();
  const state = withoutWriteOnly(resource.attributes, mergeResult(nullObject(resource.attributes), result.value));
  const violations = checkApplied(resource.type, unknown, state, "import");
  runtime.reportViolations(definition.typeName, violations, diagnostics);
  if (violations.length > 0) return answer();
  return answer(encode(resource, state, "imported state", diagnostics));
}

export async function upgradeResourceState<C>(runtime: Runtime<C>, req: UpgradeResourceStateRequest): Promise<UpgradeResourceStateResponse> {
  const diagnostics = new Diagnostics();
  const answer = (upgradedState?: DynamicValue): UpgradeResourceStateResponse => ({
    upgradedState,
    diagnostics: runtime.finish(diagnostics),
  });
  const resource = lookup(runtime, req.typeName, diagnostics);
  if (!resource) return answer();
  const { definition } = resource;
  const current = definition.schema.version ?? 0;
  if (req.version > current) {
    diagnostics.error(
      `${definition.typeName}: state is from a newer provider`,
      `The stored state has schema version ${req.version} but this provider knows version ${current}. Use the provider version that wrote the state, or a newer one.`,
    );
    return answer();
  }
  const raw = req.rawState?.json;
  if (!raw || raw.length === 0) {
    if (req.rawState?.flatmap && Object.keys(req.rawState.flatmap).length > 0) {
      diagnostics.error(`${definition.typeName}: flatmap state is not supported`, "This state predates Terraform 0.12; refresh it with a newer Terraform first.");
      return answer();
    }
    return answer(encode(resource, null, "upgraded state", diagnostics));
  }
  const upgrader = definition.upgradeState?.bind(definition);
  const result = await runtime.guard(`${definition.typeName}: cannot upgrade the stored state`, diagnostics, () => {
    let json: Uint8Array | string = raw;
    // Only a schema-version bump goes through the resource's hook (and JSON.parse).
    if (req.version < current && upgrader) {
      json = JSON.stringify(upgrader(req.version, JSON.parse(Buffer.from(raw).toString("utf8")) as Record<string, unknown>));
    }
    return decodeJsonState(resource.type, json);
  });
  if (!result.ok) return answer();
  const state = result.value === null ? null : withoutWriteOnly(resource.attributes, result.value as CtyObjectValue);
  return answer(encode(resource, state, "upgraded state", diagnostics));
}
