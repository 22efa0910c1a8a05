/** What every resource module needs: the transport, the page size, and input validation. */
import type * as z from "zod/v4";
import type { HttpMethod, Transport } from "./transport";

export interface ResourceContext {
  readonly transport: Transport;
  readonly pageSize: number;
}

/**
 * Validate caller input against a strict write shape; on failure throw an `invalid-request`
 * error naming each bad field, before anything is sent.
 */
export function parseInput<S extends z.ZodType>(ctx: ResourceContext, schema: S, value: unknown, operation: string, method: HttpMethod, path: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const field = issue.path.join(".") || "(input)";
    const keys = issue.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")} is not a field of ${operation}; remove it or check the spelling)` : "";
    return `${field}: ${issue.message}${keys}`;
  });
  throw ctx.transport.error({ kind: "invalid-request", method, path, message: `Invalid input to ${operation}: ${issues.join("; ")}.` });
}

/** Encode one path segment (slugs and ids are caller-supplied). */
export function seg(value: string): string {
  if (value === "") throw new TypeError("An id or slug in a Portkey API path is empty.");
  return encodeURIComponent(value);
}
