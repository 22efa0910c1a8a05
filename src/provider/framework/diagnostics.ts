/**
 * Diagnostics with attribute paths: how resources report problems. Terraform shows a diagnostic
 * with a path at the exact line of the configuration.
 */
import type { AttributePath, AttributePathStep, Diagnostic, Severity } from "../protocol/types";

/** A step into a value: attribute name, list index, or map key. */
export type AttrPathStep = string | number | { key: string };
export type AttrPath = readonly AttrPathStep[];

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(summary: string, detail?: string, path?: AttrPath): void {
    this.add("error", summary, detail, path);
  }

  warning(summary: string, detail?: string, path?: AttrPath): void {
    this.add("warning", summary, detail, path);
  }

  get hasErrors(): boolean {
    return this.items.some((item) => item.severity === "error");
  }

  private add(severity: Severity, summary: string, detail: string | undefined, path: AttrPath | undefined): void {
    const diagnostic: Diagnostic = { severity, summary };
    if (detail !== undefined) diagnostic.detail = detail;
    if (path !== undefined && path.length > 0) diagnostic.attribute = toAttributePath(path);
    this.items.push(diagnostic);
  }
}

export function toAttributePath(path: AttrPath): AttributePath {
  return {
    steps: path.map((step): AttributePathStep => {
      if (typeof step === "string") return { attributeName: step };
      if (typeof step === "number") return { elementKeyInt: BigInt(step) };
      return { elementKeyString: step.key };
    }),
  };
}

/** `members[0].email`, `tags["team"]`: the way Terraform users write paths. */
export function formatPath(path: AttrPath): string {
  let out = "";
  for (const step of path) {
    if (typeof step === "string") out += out ? `.${step}` : step;
    else if (typeof step === "number") out += `[${step}]`;
    else out += `[${JSON.stringify(step.key)}]`;
  }
  return out;
}
