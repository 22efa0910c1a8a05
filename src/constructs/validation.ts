/**
 * Props validation for every L2/L3 construct: zod schemas whose failures become one error that
 * names the construct, the prop path and the fix. Values that are still Terraform tokens are
 * not checked here (they are only known at apply time).
 */
import { Token } from "cdktf";
import { z } from "zod";

export class PropsError extends Error {}

/** A string prop that must match `pattern` once it is a literal; tokens pass through. */
export function literalString(pattern: RegExp, expectation: string) {
  return z.string().superRefine((value, ctx) => {
    if (Token.isUnresolved(value)) return;
    if (!pattern.test(value)) ctx.addIssue({ code: "custom", message: `${expectation} (got ${JSON.stringify(value)})` });
  });
}

/** Parse `props` or throw a PropsError listing every problem as `Construct: props.path: message`. */
export function parseProps<S extends z.ZodType>(construct: string, schema: S, props: unknown): z.output<S> {
  const result = schema.safeParse(props);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? `props.${issue.path.join(".")}` : "props";
    return `${construct}: ${path}: ${issue.message}`;
  });
  throw new PropsError(lines.join("\n"));
}
