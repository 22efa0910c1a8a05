/**
 * Synth-time model checks shared by the Portkey constructs: every ID is validated against the
 * model catalogue (with the `allowUnknownModels` escape hatch for IDs newer than it), retired
 * models are refused unless named in `allowRetiredModels`, retiring ones become warnings, and
 * region availability becomes a warning, since it changes faster than the catalogue.
 */
import { Token } from "cdktf";
import { z } from "zod";
import { ModelCatalogue, modelProblem } from "../models/catalogue";
import { idleRetiredExceptions, lifecycleNotice } from "../models/lifecycle-notice";

export interface ModelIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

/** How a construct checks model IDs: against which catalogue (and date), with which escape hatches. */
export interface ModelPolicy {
  readonly catalogue: ModelCatalogue;
  readonly allowUnknownModels: boolean;
  readonly allowRetiredModels: readonly string[];
}

/** The `modelCatalogue` prop of the constructs. */
export const modelCatalogueProp = z
  .custom<ModelCatalogue>((value) => value instanceof ModelCatalogue, { message: "must be a ModelCatalogue, e.g. ModelCatalogue.builtIn({ asOf: \"2026-12-03\" })" })
  .optional();

export function modelPolicy(options: { catalogue?: ModelCatalogue; allowUnknownModels?: boolean; allowRetiredModels?: readonly string[] }): ModelPolicy {
  return {
    catalogue: options.catalogue ?? ModelCatalogue.builtIn(),
    allowUnknownModels: options.allowUnknownModels ?? false,
    allowRetiredModels: options.allowRetiredModels ?? [],
  };
}

const exceptionHint = (id: string) => `list "${id}" in allowRetiredModels`;

/** The error of one model ID, or undefined; tokens are refused because the catalogue check needs the literal. */
export function modelIdIssue(id: string, policy: ModelPolicy): string | undefined {
  if (Token.isUnresolved(id)) return "must be a literal Vertex model ID (it is checked against the model catalogue at synth time), not a Terraform reference";
  const problem = modelProblem(id, policy);
  if (problem) return problem;
  const notice = lifecycleNotice(policy.catalogue, id, { allowRetiredModels: policy.allowRetiredModels, exceptionHint });
  return notice?.severity === "error" ? `${notice.message} ${notice.fix}` : undefined;
}

/** Warnings for the IDs a construct uses: retiring models, retired ones kept as exceptions, exceptions that do nothing. */
export function modelWarnings(ids: readonly string[], policy: ModelPolicy): string[] {
  const warnings = new Set<string>();
  for (const id of ids) {
    if (Token.isUnresolved(id)) continue;
    const notice = lifecycleNotice(policy.catalogue, id, { allowRetiredModels: policy.allowRetiredModels, exceptionHint });
    if (notice?.severity === "warning") warnings.add(`${notice.message} Fix: ${notice.fix}`);
  }
  for (const id of idleRetiredExceptions(policy.catalogue, policy.allowRetiredModels)) {
    warnings.add(`allowRetiredModels names "${id}", which is not retired on ${policy.catalogue.asOf}: the exception does nothing. Fix: remove it.`);
  }
  return [...warnings];
}

export function modelListIssues(models: readonly string[], policy: ModelPolicy): ModelIssue[] {
  if (models.length === 0) return [{ path: [], message: 'must list at least one Vertex model ID, or be "all"' }];
  const issues: ModelIssue[] = [];
  models.forEach((id, index) => {
    const problem = modelIdIssue(id, policy);
    if (problem) issues.push({ path: [index], message: problem });
    else if (models.indexOf(id) !== index) issues.push({ path: [index], message: `"${id}" is listed twice: remove the duplicate` });
  });
  return issues;
}

/** Warnings for catalogue models not commonly served in `region` (models without a region list are skipped). */
export function regionNotes(models: readonly string[], region: string, catalogue: ModelCatalogue): string[] {
  return models.flatMap((id) => {
    const regions = catalogue.find(id)?.regions;
    if (!regions || regions.includes(region)) return [];
    return [`Model ${id} is not known to be served in Vertex region "${region}" (catalogue: ${regions.join(", ")}); check Model Garden, or route it through another region.`];
  });
}
