/** Saved gateway configs (fact sheet §8). */
import * as z from "zod/v4";
import { jsonEncoded, looseBoolean, opt, text, unwrapped, workspaceIdInput } from "./common";

const configBody = z.record(z.string(), z.unknown());

export const createConfigInput = z
  .object({
    name: z.string().min(1),
    /** The gateway config JSON (§9.4) as an object. */
    config: configBody,
    workspace_id: workspaceIdInput.optional(),
    /** Sent as camelCase `isDefault: 0|1` (§1.7 #8). */
    is_default: z.boolean().optional(),
  })
  .strict();
export type CreateConfigInput = z.input<typeof createConfigInput>;

export const updateConfigInput = z
  .object({
    name: z.string().min(1).optional(),
    config: configBody.optional(),
    status: z.enum(["active", "archived"]).optional(),
  })
  .strict();
export type UpdateConfigInput = z.input<typeof updateConfigInput>;

export const configCreated = unwrapped(z.object({ id: opt(text), slug: opt(z.string()), version_id: opt(z.string()) }));

export const config = z.object({
  id: text,
  slug: z.string(),
  name: opt(z.string()),
  workspace_id: opt(z.string()),
  organisation_id: opt(z.string()),
  is_default: looseBoolean,
  status: opt(z.string()),
  /** Arrives as a JSON string (sometimes an object): always an object here. Absent in lists. */
  config: opt(jsonEncoded(configBody)),
  version_id: opt(z.string()),
  format: opt(z.string()),
  type: opt(z.string()),
  owner_id: opt(z.string()),
  updated_by: opt(z.string()),
  created_at: opt(z.string()),
  last_updated_at: opt(z.string()),
});
export type Config = z.infer<typeof config>;
