/**
 * Synth-time model checks shared by the Portkey constructs: every ID is validated against the
 * model catalogue (with the `allowUnknownModels` escape hatch for IDs newer than it), and region
 * availability becomes a warning, since it changes faster than this catalogue.
 */
import { Token } from "cdktf";
import { findModel, modelProblem } from "../models/catalogue";

export interface ModelIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

/** Problems of one model ID; tokens are refused because the catalogue check needs the literal. */
export function modelIdIssue(id: string, allowUnknownModels: boolean): string | undefined {
  if (Token.isUnresolved(id)) return "must be a literal Vertex model ID (it is checked against the model catalogue at synth time), not a Terraform reference";
  return modelProblem(id, { allowUnknownModels });
}

export function modelListIssues(models: readonly string[], allowUnknownModels: boolean): ModelIssue[] {
  if (models.length === 0) return [{ path: [], message: 'must list at least one Vertex model ID, or be "all"' }];
  const issues: ModelIssue[] = [];
  models.forEach((id, index) => {
    const problem = modelIdIssue(id, allowUnknownModels);
    if (problem) issues.push({ path: [index], message: problem });
    else if (models.indexOf(id) !== index) issues.push({ path: [index], message: `"${id}" is listed twice: remove the duplicate` });
  });
  return issues;
}

/** Warnings for catalogue models not commonly served in `region`. */
export function regionNotes(models: readonly string[], region: string): string[] {
  return models.flatMap((id) => {
    const model = findModel(id);
    if (!model || model.regions.includes(region)) return [];
    return [`Model ${id} is not known to be served in Vertex region "${region}" (catalogue: ${model.regions.join(", ")}); check Model Garden, or route it through another region.`];
  });
}
