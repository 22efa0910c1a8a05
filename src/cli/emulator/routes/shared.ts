/** Shapes and helpers several route families share: limits, slugs, pagination, workspace refs. */
import { z } from "zod";
import { invalid } from "../errors";
import type { Json, JsonObject } from "../json";
import { parse } from "../router";
import type { WorkspaceRecord } from "../state/records";
import type { Store } from "../state/store";

/** Client-chosen slugs (integrations, providers): fact sheet §1.6. */
export const slugSchema = z.string().regex(/^[a-zA-Z0-9_-]+$/, "must match ^[a-zA-Z0-9_-]+$").max(255);

export const usageLimitsSchema = z
  .object({
    type: z.enum(["cost", "tokens"]).optional(),
    credit_limit: z.number().positive(),
    alert_threshold: z.number().positive().nullable().optional(),
    periodic_reset: z.enum(["monthly", "weekly"]).nullable().optional(),
    periodic_reset_days: z.number().int().min(1).max(365).nullable().optional(),
    next_usage_reset_at: z.string().nullable().optional(),
  })
  .refine((limits) => !(limits.periodic_reset && limits.periodic_reset_days), {
    message: "periodic_reset and periodic_reset_days are mutually exclusive; send one",
    path: ["periodic_reset_days"],
  });

export const rateLimitsSchema = z.object({
  type: z.enum(["requests", "tokens"]),
  unit: z.enum(["rpm", "rph", "rpd", "rps", "rpw"]),
  value: z.number().min(0),
});

/** Parsed zod output as plain JSON (drops `undefined` optionals). */
export function asJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value ?? null)) as Json;
}

export function asJsonArray(value: unknown): Json[] {
  return asJson(value ?? []) as Json[];
}

export function asJsonObject(value: unknown): JsonObject {
  return (value === undefined ? {} : asJson(value)) as JsonObject;
}

const pageQuery = z.object({
  current_page: z.coerce.number().int().min(0).default(0),
  page_size: z.coerce.number().int().min(1).max(1000).optional(),
});

/** The list envelope `{object:"list", total, data}` with 0-based `current_page` paging (§1.5). */
export function listEnvelope(items: JsonObject[], query: URLSearchParams, defaultPageSize = 50): JsonObject {
  const { current_page, page_size } = parse(pageQuery, { current_page: query.get("current_page") ?? undefined, page_size: query.get("page_size") ?? undefined });
  const size = page_size ?? defaultPageSize;
  const start = current_page * size;
  return { object: "list", total: items.length, data: items.slice(start, start + size) };
}

/** The workspace an admin-key call acts on; admin keys must name it (fact sheet §1.2). */
export function requireWorkspace(store: Store, ref: string | null | undefined, where: string): WorkspaceRecord {
  if (!ref) throw invalid(`workspace_id: required (${where}) when calling with an admin key; pass the workspace UUID or slug.`);
  return store.workspace(ref);
}

export const optionalWorkspaceFilter = (store: Store, query: URLSearchParams): WorkspaceRecord | undefined => {
  const ref = query.get("workspace_id");
  return ref ? store.workspace(ref) : undefined;
};
