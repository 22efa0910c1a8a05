/**
 * The shape of teams.json, the one file a platform team edits. Field descriptions become
 * teams.schema.json (editor completion and hover docs). Checks that need several fields at once
 * after defaults are merged (duplicate names, models against the catalogue) live in checks.ts.
 */
import { z } from "zod";
import { budget, metadata, oneOf, rateLimit, region, slug, wholeNumber } from "./primitives";
import { withFix } from "./problems";
import { adminApiUrl, gatewayUrl } from "./urls";

const text = (what: string, max: number) =>
  z
    .string({ error: (issue) => withFix(`${what} must be a string, got ${JSON.stringify(issue.input)}`, "put it in double quotes.") })
    .min(1, { error: withFix(`${what} cannot be empty`, `write a ${what}.`) })
    .max(max, { error: withFix(`${what} is longer than ${max} characters`, "shorten it.") });

const SECRET_NAME = /^(?:projects\/[^/]+\/secrets\/)?[A-Za-z0-9_-]{1,255}$/;

const key = z
  .object(
    {
      source: oneOf(["create", "existing-secret"])
        .default("create")
        .describe("`create`: Terraform creates the service-account key (it is then in Terraform state). `existing-secret`: read a key file you stored in Secret Manager (use this when the org policy iam.disableServiceAccountKeyCreation forbids creating keys)."),
      secret: z
        .string()
        .regex(SECRET_NAME, { error: withFix("secret must be a Secret Manager secret id or projects/…/secrets/… name", 'use e.g. "portkey-vertex-key".') })
        .optional()
        .describe("existing-secret only: the Secret Manager secret holding the key file JSON."),
      version: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,63}$/, { error: withFix("secret version must be a version number, \"latest\" or a version alias", 'use e.g. "latest" or "3".') })
        .optional()
        .describe("existing-secret only: the secret version (a number, `latest` or an alias). Default: latest."),
      rotation_days: wholeNumber("days", 1, 3650).optional().describe("create only: replace the key every N days (one apply creates the new key and deletes the old)."),
    },
    { error: (issue) => withFix(`key must be an object, got ${JSON.stringify(issue.input)}`, 'write {"source": "create"} or {"source": "existing-secret", "secret": "<secret id>"}.') },
  )
  .strict()
  .superRefine((k, ctx) => {
    if (k.source === "existing-secret" && !k.secret) {
      ctx.addIssue({ code: "custom", path: ["secret"], message: withFix('source "existing-secret" needs the secret that holds the key file', 'add "secret": "<secret id>".') });
    }
    for (const field of ["secret", "version"] as const) {
      if (k.source === "create" && k[field] !== undefined) {
        ctx.addIssue({ code: "custom", path: [field], message: withFix(`${field} is only read with source "existing-secret"`, `set "source": "existing-secret", or remove "${field}".`) });
      }
    }
    if (k.source === "existing-secret" && k.rotation_days !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["rotation_days"],
        message: withFix("rotation_days rotates a key Terraform creates; an existing secret is rotated by adding secret versions", 'remove "rotation_days", or use "source": "create".'),
      });
    }
  })
  .describe("Where the service-account key Portkey uses comes from.");

export const GcpSchema = z
  .object({
    project_id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, {
        error: (issue) => withFix(`${JSON.stringify(issue.input)} is not a GCP project id`, "use the project ID (6–30 lowercase letters, digits, dashes), not its display name or number."),
      })
      .describe("The GCP project that runs Vertex AI (its project ID, e.g. acme-ai-prod)."),
    region: region.default("global"),
    service_account_id: slug("service_account_id", 30)
      .refine((id) => id.length >= 6, { error: withFix("service_account_id must be 6–30 characters", 'use e.g. "portkey-vertex".') })
      .default("portkey-vertex")
      .describe("The service account Portkey calls Vertex AI as (account id, the part before @)."),
    key: key.prefault({}),
  })
  .strict()
  .describe("The Google Cloud side: where Claude runs.");

export const PortkeySchema = z
  .object({
    base_url: adminApiUrl,
    gateway_url: gatewayUrl,
    integration: z
      .object({
        slug: slug("integration slug", 40).default("vertex-claude").describe("Portkey slug of the Vertex AI integration (teams' providers point at it)."),
        name: text("integration name", 100).default("Vertex AI (Claude Code)").describe("Display name in Portkey."),
        region: region.optional().describe("The integration's Vertex region. Defaults to gcp.region."),
      })
      .strict()
      .prefault({})
      .describe("The org-level Portkey integration holding the service-account key."),
  })
  .strict()
  .describe("The Portkey organisation.");

const GCS_BUCKET = /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/;

export const BackendSchema = z
  .object({
    type: oneOf(["local", "gcs"]).default("local").describe("`local`: state files next to the app (one per stack). `gcs`: a Cloud Storage bucket, for CI."),
    bucket: z.string().optional().describe("gcs only: the bucket name (without gs://)."),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/, { error: withFix("prefix must be a path without leading or trailing slashes", 'use e.g. "claude-code/prod".') })
      .optional()
      .describe("gcs only: object prefix; each stack's state goes under <prefix>/<stack>. Default: claude-vertex-portkey."),
  })
  .strict()
  .superRefine((b, ctx) => {
    for (const field of ["bucket", "prefix"] as const) {
      if (b.type === "local" && b[field] !== undefined) {
        ctx.addIssue({ code: "custom", path: [field], message: withFix(`${field} is only used by the gcs backend`, `set "type": "gcs", or remove "${field}".`) });
      }
    }
    if (b.type !== "gcs") return;
    if (b.bucket === undefined) {
      ctx.addIssue({ code: "custom", path: ["bucket"], message: withFix("the gcs backend needs a bucket", 'add "bucket": "<your state bucket>".') });
    } else if (b.bucket.startsWith("gs://")) {
      ctx.addIssue({ code: "custom", path: ["bucket"], message: withFix(`${JSON.stringify(b.bucket)} is a URL, not a bucket name`, `write ${JSON.stringify(b.bucket.slice(5).replace(/\/.*$/, ""))}.`) });
    } else if (!GCS_BUCKET.test(b.bucket)) {
      ctx.addIssue({ code: "custom", path: ["bucket"], message: withFix(`${JSON.stringify(b.bucket)} is not a valid bucket name`, "use 3–63 lowercase letters, digits, dashes, underscores and dots.") });
    }
  })
  .describe("Where Terraform keeps state.");

export const ModelsSchema = z
  .object({
    opus: z.string().optional().describe("Vertex model ID behind the `opus` alias (ANTHROPIC_DEFAULT_OPUS_MODEL). Default: claude-opus-5-5."),
    sonnet: z.string().optional().describe("Vertex model ID behind `sonnet` (ANTHROPIC_DEFAULT_SONNET_MODEL). Default: claude-sonnet-5-5."),
    haiku: z.string().optional().describe("Vertex model ID behind `haiku`, also used for Claude Code's background requests. Default: claude-haiku-5-5."),
    default: z.string().optional().describe("The `model` setting: an alias (opus, sonnet, haiku) or a model ID. Default: sonnet."),
    allow_unknown_models: z.boolean().optional().describe("Accept claude-* IDs missing from the toolkit's catalogue (models newer than this release). Dated IDs still need Vertex's @ form."),
    allow_retired_models: z
      .array(z.string().min(1, { error: withFix("a model ID cannot be empty", 'write the retired ID, e.g. "claude-sonnet-4-5@20250929".') }))
      .optional()
      .describe(
        "Retired model IDs this team keeps on purpose because it still has access under an exception. A retired model not named here is refused; one named here is deployed with a warning.",
      ),
  })
  .strict()
  .describe("Which Claude models the team's Claude Code uses. Fields left out come from defaults, then the catalogue.");

export const ModelsCatalogueSchema = z
  .object({
    file: z
      .string()
      .min(1, { error: withFix("file cannot be empty", 'write the path of the catalogue file, e.g. "models.json", or remove "file".') })
      .optional()
      .describe("A models catalogue file (JSON, schema config/models-catalogue.schema.json), relative to this file: overrides of and additions to the built-in catalogue, e.g. a new model or a new retirement date."),
    from_portkey: z
      .boolean()
      .optional()
      .describe(
        "Take the model list from Portkey: each team stack reads its integrations' models (data portkeyadmin_integration_models) and its plan fails for a model the integration does not serve. An ID missing from the catalogue is then accepted without allow_unknown_models (a warning at synth); lifecycle still comes from the catalogue.",
      ),
  })
  .strict()
  .describe("Where the model catalogue comes from. Default: the toolkit's built-in list only.");

const target = z
  .object({
    region: region,
    weight: z.number().min(0, { error: withFix("weight cannot be negative", "use 0 (no traffic) or more.") }).optional().describe("loadbalance only: share of traffic (normalised; default 1; 0 = none)."),
  })
  .strict();

export const RoutingSchema = z
  .object({
    strategy: oneOf(["none", "fallback", "loadbalance"])
      .default("none")
      .describe("`none`: every request goes to the platform integration's region. `fallback`: try targets in order. `loadbalance`: spread by weight."),
    targets: z.array(target).optional().describe("fallback/loadbalance: the Vertex regions to route across (each becomes a Portkey provider)."),
    retry: z
      .object({
        attempts: wholeNumber("attempts", 1, 5).describe("Retries per request (Portkey allows at most 5)."),
        on_status_codes: z.array(wholeNumber("(HTTP status)", 400, 599)).optional().describe("Retry only on these statuses. Default: 429, 500, 502, 503, 504."),
      })
      .strict()
      .optional()
      .describe("Retries at the gateway (needs a Portkey config, created for you)."),
    cache: z
      .object({
        mode: oneOf(["simple", "semantic"]).describe("simple: exact-match cache; semantic: similar prompts too."),
        max_age_seconds: wholeNumber("seconds", 60, 7_776_000).optional().describe("How long a cached answer is reused."),
      })
      .strict()
      .optional()
      .describe("Response caching at the gateway."),
  })
  .strict()
  .superRefine((r, ctx) => {
    const targets = r.targets ?? [];
    if (r.strategy === "none" && targets.length > 0) {
      ctx.addIssue({ code: "custom", path: ["targets"], message: withFix('targets are only used by strategy "fallback" or "loadbalance"', 'set "strategy", or remove "targets" (strategy "none" uses the integration\'s region).') });
    }
    if (r.strategy !== "none" && targets.length < 2) {
      ctx.addIssue({ code: "custom", path: ["targets"], message: withFix(`strategy "${r.strategy}" needs at least two targets, got ${targets.length}`, 'list two or more regions, e.g. [{"region": "us-east5"}, {"region": "europe-west1"}].') });
    }
    targets.forEach((t, i) => {
      if (t.weight !== undefined && r.strategy !== "loadbalance") {
        ctx.addIssue({ code: "custom", path: ["targets", i, "weight"], message: withFix(`weights only apply to strategy "loadbalance" (this is "${r.strategy}")`, 'set "strategy": "loadbalance", or remove the weights.') });
      }
      const first = targets.findIndex((other) => other.region === t.region);
      if (first !== i) ctx.addIssue({ code: "custom", path: ["targets", i, "region"], message: withFix(`region "${t.region}" is already targets[${first}]`, "list each region once.") });
    });
    if (r.strategy === "loadbalance" && targets.length > 0 && targets.every((t) => (t.weight ?? 1) === 0)) {
      ctx.addIssue({ code: "custom", path: ["targets"], message: withFix("every weight is 0, so no request could be served", "give at least one target a positive weight.") });
    }
  })
  .describe("How the team's requests reach Vertex AI.");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const KeySchema = z
  .object({
    name: slug("key name", 40).describe("Names the Portkey API key (prefixed with the team name) and its Terraform output."),
    kind: oneOf(["service", "user"]).default("service").describe("`service`: a workspace service key (CI, shared tools). `user`: a key bound to one Portkey user."),
    user_id: z.string().regex(UUID, { error: withFix("user_id must be a Portkey user UUID", "copy the user's id from Portkey (Admin → Members).") }).optional().describe("user keys only: the Portkey user's id."),
    user_email: z
      .string()
      .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: withFix("user_email must be an email address", 'write the address the developer signs in to Portkey with, e.g. "ana@acme.com".') })
      .optional()
      .describe("user keys only: the Portkey user's email, looked up at plan time (data portkeyadmin_user), so no user id is copied. The user must exist (have accepted their invite)."),
    count: wholeNumber("keys", 1, 50).optional().describe("service keys only: create this many (named <name>, <name>-2, …)."),
    description: text("description", 200).optional().describe("Shown on the key in Portkey."),
    metadata: metadata.optional(),
    rotation_days: wholeNumber("days", 1, 3650, {
      what: "is not a rotation period: a key is rotated at most once a day",
      fix: 'use 1 or more (e.g. 90), or remove "rotation_days" for a key that is never rotated.',
    })
      .optional()
      .describe(
        "Rotate the key every N days (a hashicorp/time `time_rotating` feeds the key's rotation_trigger): the first apply after N days has Portkey issue a new secret, and the old one works for 30 more minutes. With settings_mode `api-key-helper` the new secret reaches developers through Secret Manager; otherwise they must onboard again. Default: never rotated.",
      ),
  })
  .strict()
  .superRefine((k, ctx) => {
    if (k.kind === "user" && !k.user_id && !k.user_email) {
      ctx.addIssue({ code: "custom", path: ["user_id"], message: withFix("a user key must name its user", 'add "user_email": "<their Portkey email>" (looked up: no id to copy) or "user_id": "<Portkey user UUID>", or use "kind": "service".') });
    }
    if (k.user_id && k.user_email) ctx.addIssue({ code: "custom", path: ["user_email"], message: withFix("user_email and user_id both name the key's user", "keep one of them (user_email needs no id copied).") });
    if (k.kind === "service" && k.user_email) ctx.addIssue({ code: "custom", path: ["user_email"], message: withFix("user_email only applies to user keys", 'set "kind": "user", or remove "user_email".') });
    if (k.kind === "service" && k.user_id) ctx.addIssue({ code: "custom", path: ["user_id"], message: withFix("user_id only applies to user keys", 'set "kind": "user", or remove "user_id".') });
    if (k.kind === "user" && k.count !== undefined) ctx.addIssue({ code: "custom", path: ["count"], message: withFix("a user key belongs to one user, so count does not apply", 'list one key per user instead of "count".') });
  })
  .describe("A Portkey API key for the team.");

export const MemberSchema = z
  .object({
    email: z
      .string()
      .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: withFix("email must be an email address", 'write it as "ana@acme.com", the address the developer signs in to Portkey with.') })
      .describe("The developer's email in Portkey (compared case-insensitively)."),
    role: oneOf(["admin", "manager", "member"]).default("member").describe("Role in the team's workspace. Default: member."),
    invite: z
      .boolean()
      .default(false)
      .describe(
        "true: not a Portkey user yet; send an invitation that adds them to the team's workspace with this role on acceptance. Set it back to false (or remove it) once they have accepted: the membership then becomes its own resource, adopted with no change. false (default): an existing user, looked up by email and made a member.",
      ),
  })
  .strict()
  .describe("A developer of the team: a member of its Portkey workspace, named by email (no user id to copy).");

const SETTINGS_MODES = ["provider-slug", "api-key-helper", "legacy-vertex"] as const;

/** Everything a team may set that defaults may also set. */
const teamSettings = {
  budget: budget.nullable().optional().describe("The team's spending limit (on its workspace). null: none, even if defaults set one."),
  rate_limit: rateLimit.nullable().optional().describe("The team's rate limit (on its workspace). null: none, even if defaults set one."),
  per_developer_budget: budget
    .nullable()
    .optional()
    .describe("A budget for each developer: a usage-limits policy grouped by the `_user` metadata each developer's settings send. null: none."),
  models: ModelsSchema.optional(),
  routing: RoutingSchema.optional(),
  keys: z
    .array(KeySchema)
    .min(1, { error: withFix("keys is empty, so nobody could use the gateway", 'list at least one key, e.g. [{"name": "claude-code"}], or leave "keys" out for that default.') })
    .optional()
    .describe("The team's API keys. Default: one service key named claude-code."),
  metadata: metadata.optional(),
  key_readers: z
    .array(
      z.string().regex(/^(user|group|serviceAccount|domain|principalSet|principal):\S+$/, {
        error: withFix("a key reader must be an IAM member", 'write it as "group:payments-devs@acme.com", "user:ana@acme.com" or "serviceAccount:ci@proj.iam.gserviceaccount.com".'),
      }),
    )
    .optional()
    .describe("api-key-helper mode: the IAM members (e.g. group:payments-devs@acme.com) granted secretAccessor on the team's key secret, so their apiKeyHelper can read it."),
  settings_mode: oneOf(SETTINGS_MODES)
    .optional()
    .describe(
      "How developers' Claude Code reaches Portkey. `provider-slug` (default): the key in ANTHROPIC_AUTH_TOKEN. `api-key-helper`: the key lives in Secret Manager and apiKeyHelper fetches it (rotation-friendly). `legacy-vertex`: older Vertex passthrough mode, not recommended.",
    ),
};

export const DefaultsSchema = z.object(teamSettings).strict().describe("Settings every team gets unless it sets its own. Objects replace the default whole, except models and metadata, which merge key by key.");

export const TeamSchema = z
  .object({
    name: slug("team name", 30).describe("The team's slug: names its stack, Portkey workspace, provider and keys. Unique in this file."),
    existing_workspace_id: z
      .string()
      .regex(/^(?:ws-[a-z0-9-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
        error: withFix("existing_workspace_id must be a workspace id (UUID) or slug (ws-…), not its display name", "copy the id from Portkey (Admin → Workspaces), or remove the field to create a workspace."),
      })
      .optional()
      .describe("Use this existing Portkey workspace (UUID or ws- slug) instead of creating one named after the team."),
    members: z.array(MemberSchema).optional().describe("The team's developers, made members of its Portkey workspace (invited first when not yet Portkey users). Default: none managed here."),
    ...teamSettings,
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Map<string, number>();
    (t.members ?? []).forEach((m, i) => {
      const key = m.email.trim().toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["members", i, "email"], message: withFix(`"${m.email}" is already members[${first}] (emails compare case-insensitively)`, "list each developer once.") });
      } else seen.set(key, i);
    });
  })
  .describe("One engineering team.");

export const TeamsFileSchema = z
  .object({
    $schema: z.string().optional().describe("Path or URL of teams.schema.json, for editor completion."),
    gcp: GcpSchema,
    portkey: PortkeySchema.prefault({}),
    backend: BackendSchema.prefault({}),
    defaults: DefaultsSchema.prefault({}),
    models_catalogue: ModelsCatalogueSchema.prefault({}),
    teams: z
      .array(TeamSchema)
      .min(1, { error: withFix("teams is empty, so there is nothing to deploy", 'add a team, e.g. {"name": "payments", "budget": {"limit": 500}} (see stacks/teams.example.json).') })
      .describe("The engineering teams; each becomes its own stack."),
  })
  .strict()
  .describe("Claude Code for every team via Portkey and Vertex AI: the one file a platform team edits.");

export type TeamsFileInput = z.input<typeof TeamsFileSchema>;
export type TeamsFileData = z.output<typeof TeamsFileSchema>;
export type TeamData = z.output<typeof TeamSchema>;
export type DefaultsData = z.output<typeof DefaultsSchema>;
export type KeyData = z.output<typeof KeySchema>;
export type MemberData = z.output<typeof MemberSchema>;
export type RoutingData = z.output<typeof RoutingSchema>;
export type SettingsMode = (typeof SETTINGS_MODES)[number];
