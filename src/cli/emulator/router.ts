/**
 * A minimal method + path router: patterns like `/v1/configs/:slug/versions`, where `:name`
 * captures one path segment. Handlers are synchronous (the state lives in memory) and return
 * the JSON body of a 200 response, or throw an `ApiError`.
 */
import type { z } from "zod";
import { validationError } from "./errors";
import type { Json } from "./json";
import type { Store } from "./state/store";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RouteContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly store: Store;
}

export type Handler = (context: RouteContext) => Json;

export interface Route {
  readonly method: Method;
  readonly pattern: string;
  readonly handler: Handler;
}

export const route = (method: Method, pattern: string, handler: Handler): Route => ({ method, pattern, handler });

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

/** Match a path against the routes; `pathMatched` says whether another method would have matched. */
export function matchRoute(routes: readonly Route[], method: string, path: string): { match?: RouteMatch; pathMatched: boolean } {
  const segments = path.split("/").filter(Boolean);
  let pathMatched = false;
  for (const candidate of routes) {
    const params = matchPattern(candidate.pattern, segments);
    if (!params) continue;
    pathMatched = true;
    if (candidate.method === method) return { match: { route: candidate, params }, pathMatched };
  }
  return { pathMatched };
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    const segment = segments[index];
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(segment);
    else if (part !== segment) return undefined;
  }
  return params;
}

/** Validate `value` with `schema`, turning failure into a 400 AB01 that names the fields. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
