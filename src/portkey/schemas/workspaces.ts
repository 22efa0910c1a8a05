/** Workspaces (fact sheet §7.1), under `/admin/workspaces`. */
import * as z from "zod/v4";
import { listOf, looseBoolean, objectMap, opt, rateLimitInput, rateLimitList, stringMap, text, usageLimitsInput, usageLimitsRead } from "./common";

/**
 * Reads prefix the name with the icon emoji (`"🚀 Production"`, §1.7 #9); strip a leading
 * pictograph sequence (with skin tones, ZWJ joins, variation selectors, flags) and its space.
 */
const ICON_PREFIX = /^(?:\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic})*)\uFE0F?\s+/u;

export function stripIconPrefix(name: string): string {
  return name.replace(ICON_PREFIX, "");
}

const defaultsInput = z
  .object({
    metadata: z.record(z.string(), z.string().max(128)).optional(),
    input_guardrails: z.array(z.string()).optional(),
    output_guardrails: z.array(z.string()).optional(),
    user_api_key_config: z.string().nullable().optional(),
  })
  .strict();

export const createWorkspaceInput = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    icon: z.string().optional(),
    defaults: defaultsInput.pick({ metadata: true }).strict().optional(),
    users: z.array(z.string()).optional(),
    usage_limits: z.array(usageLimitsInput).optional(),
    rate_limits: z.array(rateLimitInput).optional(),
  })
  .strict();
export type CreateWorkspaceInput = z.input<typeof createWorkspaceInput>;

export const updateWorkspaceInput = z
  .object({
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    icon: z.string().optional(),
    defaults: defaultsInput.optional(),
    usage_limits: z.array(usageLimitsInput).nullable().optional(),
    rate_limits: z.array(rateLimitInput).nullable().optional(),
  })
  .strict();
export type UpdateWorkspaceInput = z.input<typeof updateWorkspaceInput>;

export const workspace = z.object({
  /** UUID live; some examples put the slug here. Both address the workspace. */
  id: text,
  slug: opt(z.string()),
  name: z.string().transform(stripIconPrefix),
  description: opt(z.string()),
  icon: opt(z.string()),
  is_default: looseBoolean,
  status: opt(z.string()),
  organisation_id: opt(z.string()),
  defaults: z.preprocess((value) => value ?? {}, z.object({ metadata: stringMap }).passthrough()),
  usage_limits: listOf(usageLimitsRead),
  rate_limits: rateLimitList,
  users: listOf(z.record(z.string(), z.unknown())),
  settings: objectMap,
  created_at: opt(z.string()),
  last_updated_at: opt(z.string()),
});
export type Workspace = z.infer<typeof workspace>;
