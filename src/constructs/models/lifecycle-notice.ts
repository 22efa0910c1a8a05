/**
 * What to tell a user about a model's lifecycle: a retired model is refused unless it is named
 * as an exception (a team that still has access under one), a retiring one is a warning. Each
 * caller says how its own exception is written (`allowRetiredModels`, `"allow_retired_models"`,
 * `--allow-retired-model`), so the fix names the user's own switch.
 */
import type { ModelCatalogue } from "./catalogue";

export interface LifecycleNotice {
  readonly severity: "warning" | "error";
  readonly status: "retiring" | "retired";
  readonly message: string;
  readonly fix: string;
}

export interface NoticeOptions {
  /** IDs a team deliberately keeps after retirement (it still has access under an exception). */
  readonly allowRetiredModels?: readonly string[];
  /** How the caller's exception for `id` is written, e.g. `list it in models.allowRetiredModels`. */
  readonly exceptionHint: (id: string) => string;
}

/** The model's named replacement, else a current model of its family (never the model itself). */
function replacementText(catalogue: ModelCatalogue, id: string): string {
  const model = catalogue.find(id);
  const named = catalogue.lifecycle(id)?.replacement;
  const current = catalogue.currentIds().filter((other) => other !== id && catalogue.find(other)?.family === model?.family);
  const known = catalogue.find(named ?? "") ?? catalogue.find(current[0] ?? "");
  if (known) return `"${known.id}" (${known.name})`;
  return model ? `a current ${model.family} model` : "a current model";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The notice for `id` on the catalogue's evaluation date, or undefined (current, superseded, unknown). */
export function lifecycleNotice(catalogue: ModelCatalogue, id: string, options: NoticeOptions): LifecycleNotice | undefined {
  const model = catalogue.find(id);
  const lifecycle = catalogue.lifecycle(id);
  if (!model || !lifecycle?.retirementDate) return undefined;
  const unconfirmed = model.unconfirmed ? ` (unconfirmed: ${model.unconfirmed})` : "";
  const replacement = replacementText(catalogue, id);
  if (lifecycle.status === "retiring") {
    return {
      severity: "warning",
      status: "retiring",
      message: `"${id}" (${model.name}) retires on ${lifecycle.retirementDate}, in ${plural(lifecycle.daysLeft ?? 0, "day")}${unconfirmed}; requests to it fail from that day.`,
      fix: `Move to ${replacement} before ${lifecycle.retirementDate}.`,
    };
  }
  if (lifecycle.status !== "retired") return undefined;
  if (options.allowRetiredModels?.includes(id)) {
    return {
      severity: "warning",
      status: "retired",
      message: `"${id}" (${model.name}) was retired on ${lifecycle.retirementDate}${unconfirmed}; it is kept because it is named as an exception.`,
      fix: `Move to ${replacement}, then remove the exception.`,
    };
  }
  return {
    severity: "error",
    status: "retired",
    message: `"${id}" (${model.name}) was retired on ${lifecycle.retirementDate}${unconfirmed}: requests to it fail.`,
    fix: `Use ${replacement} instead. If your organisation still has access under an exception, ${options.exceptionHint(id)}.`,
  };
}

/** Named exceptions that do nothing on the evaluation date: the model is neither retired nor retiring. */
export function idleRetiredExceptions(catalogue: ModelCatalogue, allowRetiredModels: readonly string[]): string[] {
  return allowRetiredModels.filter((id) => {
    const status = catalogue.lifecycle(id)?.status;
    return status !== "retired" && status !== "retiring";
  });
}
