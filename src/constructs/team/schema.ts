/**
 * The zod schema of ClaudeCodeTeamProps (props.ts): every message names what was wrong and how
 * to fix it; parseProps prefixes the prop path. Values that are Terraform tokens pass unchecked.
 */
import { Token } from "cdktf";
import { z } from "zod";
import type { ModelCatalogue } from "../models/catalogue";
import { type ModelPolicy, modelCatalogueProp, modelIdIssue, modelPolicy } from "../portkey/model-checks";
import { literalString } from "../validation";

const SLUG = /^[a-zA-Z0-9_-]{1,255}$/;
const ALIASES = new Set(["opus", "sonnet", "haiku", "default", "opusplan"]);
/** Fallback and retry on the statuses Vertex uses for overload and outages. */
export const RETRYABLE_STATUS_CODES = [429, 500, 502, 503, 504] as const;

export const budgetSchema = z
  .object({
    type: z.enum(["cost", "tokens"], { message: 'must be "cost" (USD) or "tokens"' }),
    limit: z.number().min(1, "must be at least 1 (USD for cost budgets, tokens for token budgets)"),
    alertThreshold: z.number().min(1, "must be at least 1").optional(),
    periodicReset: z.enum(["monthly", "weekly"], { message: 'must be "monthly" or "weekly" (or leave it out for a budget that never resets)' }).optional(),
  })
  .strict()
  .refine((b) => b.alertThreshold === undefined || b.alertThreshold < b.limit, {
    message: "must be below limit (it is an absolute value in the same unit, not a percentage)",
    path: ["alertThreshold"],
  });

const rateLimitSchema = z
  .object({
    type: z.enum(["requests", "tokens"], { message: 'must be "requests" or "tokens"' }),
    unit: z.enum(["rpm", "rph", "rpd"], { message: 'must be "rpm", "rph" or "rpd" (per minute, hour, day)' }),
    value: z.number().int("must be a whole number").min(0, "must be at least 0 (0 blocks traffic)"),
  })
  .strict();

const metadataSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "metadata keys are letters, digits, _ . - (at most 64)"),
  z.string().max(128, "must be at most 128 characters (Portkey's limit for metadata values)"),
);

const statusCodes = z.array(z.number().int().min(400, "must be an HTTP error status (400–599)").max(599, "must be an HTTP error status (400–599)"));

const routingSchema = z
  .object({
    strategy: z.enum(["none", "fallback", "loadbalance"], { message: 'must be "none", "fallback" or "loadbalance" (one word)' }),
    targets: z
      .array(
        z
          .object({
            integrationSlug: literalString(SLUG, 'must be an integration slug: letters, digits, "_" and "-"'),
            weight: z.number().min(0, "must be at least 0 (0 sends no traffic)").optional(),
            /** Added to the contract: force this model on requests routed to this target (override_params.model). */
            model: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
    retry: z
      .object({
        attempts: z.number().int("must be a whole number").min(1, "must be at least 1 (leave retry out for none)").max(5, "must be at most 5 (Portkey's limit)"),
        onStatusCodes: statusCodes.min(1, "must list at least one status, e.g. [429, 503]").optional(),
      })
      .strict()
      .optional(),
    cache: z
      .object({
        mode: z.enum(["simple", "semantic"], { message: 'must be "simple" or "semantic"' }),
        maxAgeSeconds: z.number().int("must be a whole number of seconds").min(1, "must be at least 1 second").optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((routing, ctx) => {
    const targets = routing.targets ?? [];
    if (routing.strategy === "none" && targets.length > 0) {
      ctx.addIssue({ code: "custom", path: ["targets"], message: 'only apply to strategy "fallback" or "loadbalance": set the strategy, or remove targets (strategy "none" uses props.integrationSlug)' });
    }
    if (routing.strategy !== "none" && targets.length < 2) {
      ctx.addIssue({ code: "custom", path: ["targets"], message: `strategy "${routing.strategy}" needs at least two targets (one integration per Vertex region, the first being props.integrationSlug)` });
    }
    targets.forEach((target, index) => {
      if (target.weight !== undefined && routing.strategy !== "loadbalance") {
        ctx.addIssue({ code: "custom", path: ["targets", index, "weight"], message: 'only applies to strategy "loadbalance": remove it' });
      }
      const slug = target.integrationSlug;
      if (!Token.isUnresolved(slug) && targets.findIndex((other) => other.integrationSlug === slug) !== index) {
        ctx.addIssue({ code: "custom", path: ["targets", index, "integrationSlug"], message: `"${slug}" is listed twice: each target is a different integration (region)` });
      }
    });
    if (routing.strategy === "loadbalance" && targets.length > 0 && targets.every((t) => t.weight === 0)) {
      ctx.addIssue({ code: "custom", path: ["targets"], message: "every weight is 0, so no target gets traffic: give at least one target a weight above 0" });
    }
  });

const keySchema = z
  .object({
    name: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "must be 1–40 lower-case letters, digits or dashes (it names the key and the settings output)"),
    kind: z.enum(["service", "user"], { message: 'must be "service" (shared by the team) or "user" (one developer; needs userId)' }),
    userId: z.string().min(1, "must not be empty").optional(),
    description: z.string().max(200, "must be at most 200 characters").optional(),
    metadata: metadataSchema.optional(),
    rotationDays: z
      .number({ message: "must be a number of days, e.g. 90 (leave it out for a key that is never rotated)" })
      .int("must be a whole number of days, e.g. 90")
      .min(1, "must be at least 1 day (leave it out for a key that is never rotated)")
      .max(3650, "must be at most 3650 days (10 years); leave it out for a key that is never rotated")
      .optional(),
  })
  .strict()
  .refine((key) => key.kind !== "user" || key.userId !== undefined, { message: "is required for a user key: set it to the developer's Portkey user id", path: ["userId"] })
  .refine((key) => key.kind !== "service" || key.userId === undefined, { message: 'only applies to user keys: remove it, or set kind: "user"', path: ["userId"] });

const gatewayUrl = z.string().superRefine((value, ctx) => {
  if (Token.isUnresolved(value)) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash) {
    ctx.addIssue({ code: "custom", message: `must be the gateway origin, e.g. "https://api.portkey.ai" (got ${JSON.stringify(value)})` });
  } else if (/\/v1\/?$/.test(url.pathname)) {
    ctx.addIssue({ code: "custom", message: `must not end in /v1: Claude Code appends /v1/messages itself (a /v1 base gives "500 fetch failed"). Use ${JSON.stringify(value.replace(/\/v1\/?$/, ""))}` });
  }
});

const MEMBER = /^(user|group|serviceAccount|domain|principal|principalSet):.+$/;

const settingsSchema = z
  .object({
    mode: z.enum(["provider-slug", "api-key-helper", "legacy-vertex"], { message: 'must be "provider-slug", "api-key-helper" or "legacy-vertex"' }).default("provider-slug"),
    gatewayUrl,
    disableExperimentalBetas: z.boolean().default(false),
    /** Added to the contract: CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 for locked-down networks. */
    disableNonessentialTraffic: z.boolean().default(false),
    secretManager: z
      .object({
        projectId: literalString(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a GCP project id: 6–30 lowercase letters, digits or dashes"),
        accessorMembers: z
          .array(literalString(MEMBER, 'must be an IAM member such as "group:payments-devs@acme.com" or "user:ada@acme.com"'))
          .min(1, 'must name at least one IAM member who may read the key, e.g. ["group:payments-devs@acme.com"]'),
      })
      .strict()
      .optional(),
    /** Added to the contract: what legacy-vertex mode puts in ANTHROPIC_VERTEX_PROJECT_ID and CLOUD_ML_REGION. */
    legacyVertex: z
      .object({
        projectId: z.string().min(1, "must be the GCP project id of the Vertex integration"),
        region: z.string().min(1, "must be the Vertex region of the integration"),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((settings, ctx) => {
    if (settings.mode === "api-key-helper" && !settings.secretManager) {
      ctx.addIssue({ code: "custom", path: ["secretManager"], message: 'is required in api-key-helper mode: set { projectId, accessorMembers } (where the key is stored and who may read it)' });
    }
    if (settings.mode !== "api-key-helper" && settings.secretManager) {
      ctx.addIssue({ code: "custom", path: ["secretManager"], message: `only applies to mode "api-key-helper" (mode is "${settings.mode}"): remove it or change the mode` });
    }
    if (settings.mode === "legacy-vertex" && !settings.legacyVertex) {
      ctx.addIssue({ code: "custom", path: ["legacyVertex"], message: 'is required in legacy-vertex mode: set { projectId, region } (or prefer mode "provider-slug")' });
    }
  });

const modelsSchema = z
  .object({
    opus: z.string(),
    sonnet: z.string(),
    haiku: z.string(),
    default: z.string(),
    allowUnknownModels: z.boolean().default(false),
    allowRetiredModels: z.array(z.string(), { message: "must be a list of retired Vertex model IDs" }).default([]),
  })
  .strict();

/** The team's model IDs with their prop paths (`default` only when it is an ID, not an alias). */
export function teamModelIds(team: { models: z.output<typeof modelsSchema>; routing: { targets?: readonly { model?: string }[] } }): { path: (string | number)[]; id: string }[] {
  const ids: { path: (string | number)[]; id: string }[] = [];
  for (const slot of ["opus", "sonnet", "haiku", "default"] as const) {
    const id = team.models[slot];
    if (slot === "default" && ALIASES.has(id)) continue;
    ids.push({ path: ["models", slot], id });
  }
  team.routing.targets?.forEach((target, index) => {
    if (target.model !== undefined) ids.push({ path: ["routing", "targets", index, "model"], id: target.model });
  });
  return ids;
}

/** Checked against Portkey's list at plan time, an ID missing from the catalogue needs no escape hatch at synth. */
export function teamModelPolicy(team: { modelCatalogue?: ModelCatalogue; models: z.output<typeof modelsSchema>; checkModelsWithPortkey: boolean }): ModelPolicy {
  return modelPolicy({
    catalogue: team.modelCatalogue,
    allowUnknownModels: team.models.allowUnknownModels || team.checkModelsWithPortkey,
    allowRetiredModels: team.models.allowRetiredModels,
  });
}

export const teamPropsSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "must be 1–40 lower-case letters, digits or dashes, e.g. \"payments\""),
    integrationSlug: literalString(SLUG, 'must be an integration slug: letters, digits, "_" and "-" (e.g. PortkeyVertexIntegration.slug)'),
    existingWorkspaceId: z.string().min(1, "must not be empty (leave it out to create a workspace)").optional(),
    budget: budgetSchema.optional(),
    rateLimit: rateLimitSchema.optional(),
    models: modelsSchema,
    routing: routingSchema.default({ strategy: "none" }),
    perDeveloperBudget: budgetSchema.optional(),
    keys: z
      .array(keySchema)
      .min(1, 'must list at least one key, e.g. [{ name: "ci", kind: "service" }]')
      .superRefine((keys, ctx) => {
        keys.forEach((key, index) => {
          if (keys.findIndex((other) => other.name === key.name) !== index) ctx.addIssue({ code: "custom", path: [index, "name"], message: `"${key.name}" is used twice: key names must be unique within the team` });
        });
      }),
    metadata: metadataSchema.optional(),
    settings: settingsSchema,
    modelCatalogue: modelCatalogueProp,
    checkModelsWithPortkey: z.boolean().default(false),
  })
  .strict()
  .superRefine((team, ctx) => {
    const policy = teamModelPolicy(team);
    for (const { path, id } of teamModelIds(team)) {
      const problem = modelIdIssue(id, policy);
      if (problem) ctx.addIssue({ code: "custom", path, message: path[1] === "default" ? `${problem} (or use an alias: opus, sonnet, haiku)` : problem });
    }
    const first = team.routing.targets?.[0]?.integrationSlug;
    if (first !== undefined && !Token.isUnresolved(first) && !Token.isUnresolved(team.integrationSlug) && first !== team.integrationSlug) {
      ctx.addIssue({
        code: "custom",
        path: ["routing", "targets", 0, "integrationSlug"],
        message: `is the primary target and must be props.integrationSlug ("${team.integrationSlug}"): put "${team.integrationSlug}" first`,
      });
    }
  });

export type ParsedTeamProps = z.output<typeof teamPropsSchema>;
export type ParsedBudget = z.output<typeof budgetSchema>;
