/**
 * Real mistakes people make in teams.json, one per row: each is rejected with one message that
 * names the file, the JSON path inside it, what is wrong and the fix.
 */
import { type LooseFile, loadError, problemLines, validFile } from "./support";

interface Mistake {
  readonly mistake: string;
  readonly edit: (file: LooseFile) => void;
  /** The JSON path the message must name. */
  readonly path: string;
  /** Fragments the message must contain. */
  readonly says: readonly string[];
}

const mistakes: Mistake[] = [
  {
    mistake: "two teams with the same name",
    edit: (f) => (f.teams[2].name = "payments"),
    path: "teams[2].name",
    says: ['"payments" is already the name of teams[0]', "Fix: rename one of the two teams"],
  },
  {
    mistake: "a team named like the app's own stack",
    edit: (f) => (f.teams[1].name = "platform"),
    path: "teams[1].name",
    says: ['"platform" is the name of the app\'s own stack', 'e.g. "platform-team"'],
  },
  {
    mistake: "a budget of 0 meant as 'no budget'",
    edit: (f) => (f.teams[2].budget.limit = 0),
    path: "teams[2].budget.limit",
    says: ["0 is not a budget", 'set "budget": null for no budget'],
  },
  {
    mistake: "a budget in cents (over the typo ceiling)",
    edit: (f) => (f.teams[2].budget.limit = 50_000_000),
    path: "teams[2].budget.limit",
    says: ["50000000 is over the ceiling of 1,000,000 for a cost budget", "check for extra zeros"],
  },
  {
    mistake: "a number too big for JSON to hold exactly",
    edit: (f) => (f.teams[2].budget = { type: "tokens", limit: 1e21 }),
    path: "teams[2].budget.limit",
    says: ["must be at most 9,007,199,254,740,991 dollars or tokens, got 1e+21"],
  },
  {
    mistake: "a fractional budget",
    edit: (f) => (f.teams[0].budget = { limit: 99.5 }),
    path: "teams[0].budget.limit",
    says: ["must be a whole number of dollars or tokens, got 99.5", "round it, e.g. 100"],
  },
  {
    mistake: "a budget limit written as a string",
    edit: (f) => (f.teams[0].budget = { limit: "500" }),
    path: "teams[0].budget.limit",
    says: ['must be a number of dollars or tokens, got "500"', "write a bare number without quotes"],
  },
  {
    mistake: "alert_threshold as a percentage",
    edit: (f) => (f.teams[2].budget = { limit: 50, alert_threshold: 80 }),
    path: "teams[2].budget.alert_threshold",
    says: ["not a percentage", "If you meant 80%, write 40."],
  },
  {
    mistake: "a misspelt model",
    edit: (f) => (f.teams[1].models = { sonnet: "claude-sonet-4-6" }),
    path: "teams[1].models.sonnet",
    says: ['"claude-sonet-4-6" is not a known Vertex Claude model ID (did you mean "claude-sonnet-4-6"?)', '"allow_unknown_models": true'],
  },
  {
    mistake: "a dated model ID in the Anthropic API form (- instead of @)",
    edit: (f) => (f.teams[0].models = { sonnet: "claude-sonnet-4-5-20250929" }),
    path: "teams[0].models.sonnet",
    says: ["Vertex answers 404", 'use "claude-sonnet-4-5@20250929"'],
  },
  {
    mistake: "a bad model in defaults (reported once, not once per team)",
    edit: (f) => (f.defaults.models = { opus: "claude-opus-4-9" }),
    path: "defaults.models.opus",
    says: ['"claude-opus-4-9" is not a known Vertex Claude model ID'],
  },
  {
    mistake: "a non-Claude model as the default model",
    edit: (f) => (f.teams[0].models = { default: "gpt-4o" }),
    path: "teams[0].models.default",
    says: ['"gpt-4o" is not a known Vertex Claude model ID', "default takes an alias"],
  },
  {
    mistake: "the gateway URL with /v1 (Claude Code then calls /v1/v1/messages)",
    edit: (f) => (f.portkey.gateway_url = "https://api.portkey.ai/v1"),
    path: "portkey.gateway_url",
    says: ['ends in /v1', '500 fetch failed', 'remove the trailing /v1: "https://api.portkey.ai"'],
  },
  {
    mistake: "the Admin API URL without /v1",
    edit: (f) => (f.portkey.base_url = "https://api.portkey.ai"),
    path: "portkey.base_url",
    says: ["is not the Admin API", 'use "https://api.portkey.ai/v1"'],
  },
  {
    mistake: "a plain-http gateway on a public host",
    edit: (f) => (f.portkey.gateway_url = "http://gateway.acme.internal"),
    path: "portkey.gateway_url",
    says: ["plain http", "use https"],
  },
  {
    mistake: "weights on a fallback route",
    edit: (f) => (f.teams[0].routing = { strategy: "fallback", targets: [{ region: "us-east5", weight: 70 }, { region: "europe-west1" }] }),
    path: "teams[0].routing.targets[0].weight",
    says: ['weights only apply to strategy "loadbalance" (this is "fallback")', 'set "strategy": "loadbalance"'],
  },
  {
    mistake: "a fallback with a single target",
    edit: (f) => (f.teams[1].routing = { strategy: "fallback", targets: [{ region: "us-east5" }] }),
    path: "teams[1].routing.targets",
    says: ['strategy "fallback" needs at least two targets, got 1'],
  },
  {
    mistake: "the same region twice in a load balance",
    edit: (f) => (f.teams[1].routing = { strategy: "loadbalance", targets: [{ region: "us-east5" }, { region: "us-east5" }] }),
    path: "teams[1].routing.targets[1].region",
    says: ['region "us-east5" is already targets[0]'],
  },
  {
    mistake: "an AWS-style region name",
    edit: (f) => (f.gcp.region = "us-east-5"),
    path: "gcp.region",
    says: ['"us-east-5" is not allowed here (did you mean "us-east5"?)', 'use one of "global"'],
  },
  {
    mistake: "an uppercase team name",
    edit: (f) => (f.teams[0].name = "Payments"),
    path: "teams[0].name",
    says: ['team name "Payments" is not a slug', 'e.g. "payments"'],
  },
  {
    mistake: "a team name with accents and spaces",
    edit: (f) => (f.teams[1].name = "Équipe Données"),
    path: "teams[1].name",
    says: ['team name "Équipe Données" is not a slug', "ASCII", 'e.g. "equipe-donnees"'],
  },
  {
    mistake: "a typo in a field name",
    edit: (f) => (f.teams[1].budjet = { limit: 100 }),
    path: "teams[1].budjet",
    says: ['unknown field "budjet" (did you mean "budget"?)', 'rename it to "budget"'],
  },
  {
    mistake: "`team` instead of `teams` (no second message about teams missing)",
    edit: (f) => {
      f.team = f.teams;
      delete f.teams;
    },
    path: "team",
    says: ['unknown field "team" (did you mean "teams"?)'],
  },
  {
    mistake: "an empty teams list",
    edit: (f) => (f.teams = []),
    path: "teams",
    says: ["teams is empty, so there is nothing to deploy", "stacks/teams.example.json"],
  },
  {
    mistake: "no gcp section",
    edit: (f) => delete f.gcp,
    path: "gcp",
    says: ['"gcp" is missing', "add it: an object"],
  },
  {
    mistake: "the project's display name instead of its ID",
    edit: (f) => (f.gcp.project_id = "Acme Claude Prod"),
    path: "gcp.project_id",
    says: ['"Acme Claude Prod" is not a GCP project id', "not its display name"],
  },
  {
    mistake: "key rotation on a key read from Secret Manager",
    edit: (f) => (f.gcp.key = { source: "existing-secret", secret: "portkey-vertex-key", rotation_days: 90 }),
    path: "gcp.key.rotation_days",
    says: ["rotation_days rotates a key Terraform creates", 'remove "rotation_days"'],
  },
  {
    mistake: 'the key source as a bare string ("key": "create")',
    edit: (f) => (f.gcp.key = "create"),
    path: "gcp.key",
    says: ['key must be an object, got "create"', 'write {"source": "create"}'],
  },
  {
    mistake: "existing-secret without naming the secret",
    edit: (f) => (f.gcp.key = { source: "existing-secret" }),
    path: "gcp.key.secret",
    says: ['source "existing-secret" needs the secret', 'add "secret"'],
  },
  {
    mistake: "a gs:// URL as the state bucket",
    edit: (f) => (f.backend = { type: "gcs", bucket: "gs://acme-tf-state/claude" }),
    path: "backend.bucket",
    says: ['"gs://acme-tf-state/claude" is a URL, not a bucket name', 'write "acme-tf-state"'],
  },
  {
    mistake: "the gcs backend without a bucket",
    edit: (f) => (f.backend = { type: "gcs" }),
    path: "backend.bucket",
    says: ["the gcs backend needs a bucket"],
  },
  {
    mistake: "a number as a metadata value",
    edit: (f) => (f.teams[0].metadata = { cost_center: 1042 }),
    path: "teams[0].metadata.cost_center",
    says: ["metadata values must be strings (Portkey rejects numbers), got 1042", 'quote it: "1042"'],
  },
  {
    mistake: "a metadata value over Portkey's 128 characters",
    edit: (f) => (f.teams[0].metadata = { long_note: "x".repeat(129) }),
    path: "teams[0].metadata.long_note",
    says: ["at most 128 characters"],
  },
  {
    mistake: "a metadata key with a space (the team construct accepts letters, digits, _ . - only)",
    edit: (f) => (f.teams[0].metadata = { "cost center": "cc-42" }),
    path: 'teams[0].metadata["cost center"]',
    says: ['metadata key "cost center" is not allowed: keys are 1–64 letters, digits, "_", "." or "-"', 'Fix: rename it, e.g. "cost_center".'],
  },
  {
    mistake: "a rate limit of 0 meant as 'unlimited'",
    edit: (f) => (f.teams[1].rate_limit = { value: 0 }),
    path: "teams[1].rate_limit.value",
    says: ["0 would block every request", '"rate_limit": null for no limit'],
  },
  {
    mistake: "a per-second rate limit on a team",
    edit: (f) => (f.teams[1].rate_limit = { unit: "rps", value: 5 }),
    path: "teams[1].rate_limit.unit",
    says: ['"rps" is not allowed here', "rps and rpw exist only on single API keys", '"rpm", "rph", "rpd"'],
  },
  {
    mistake: "a user key without its user",
    edit: (f) => (f.teams[0].keys = [{ name: "ada", kind: "user" }]),
    path: "teams[0].keys[0].user_id",
    says: ["a user key must name its user", '"user_id": "<Portkey user UUID>"'],
  },
  {
    mistake: "count colliding with another key's name",
    edit: (f) => (f.teams[0].keys = [{ name: "ci", count: 2 }, { name: "ci-2" }]),
    path: "teams[0].keys",
    says: ['two keys are named "ci-2"'],
  },
  {
    mistake: "an empty keys list",
    edit: (f) => (f.teams[0].keys = []),
    path: "teams[0].keys",
    says: ["keys is empty, so nobody could use the gateway"],
  },
  {
    mistake: "a misspelt settings mode",
    edit: (f) => (f.teams[2].settings_mode = "apikey-helper"),
    path: "teams[2].settings_mode",
    says: ['"apikey-helper" is not allowed here (did you mean "api-key-helper"?)'],
  },
  {
    mistake: "api-key-helper mode with nobody allowed to read the key",
    edit: (f) => (f.teams[2].settings_mode = "api-key-helper"),
    path: "teams[2].settings_mode",
    says: ["no one is allowed to read it (key_readers is empty)", '"key_readers": ["group:<team>-devs@<domain>"]'],
  },
  {
    mistake: "a key reader written as a bare e-mail address",
    edit: (f) => {
      f.teams[2].settings_mode = "api-key-helper";
      f.teams[2].key_readers = ["mobile-devs@example.com"];
    },
    path: "teams[2].key_readers[0]",
    says: ["a key reader must be an IAM member", '"group:payments-devs@acme.com"'],
  },
  {
    mistake: "legacy Vertex mode with a fallback route",
    edit: (f) => {
      f.teams[0].settings_mode = "legacy-vertex";
      f.teams[0].routing = { strategy: "fallback", targets: [{ region: "us-east5" }, { region: "europe-west1" }] };
    },
    path: "teams[0].settings_mode",
    says: ['"legacy-vertex" routes through a virtual key, which cannot carry routing strategy "fallback"'],
  },
  {
    mistake: "a key rotation period of 0 days meant as 'never'",
    edit: (f) => (f.teams[0].keys = [{ name: "claude-code", rotation_days: 0 }]),
    path: "teams[0].keys[0].rotation_days",
    says: ["0 is not a rotation period", 'remove "rotation_days" for a key that is never rotated'],
  },
  {
    mistake: "a key rotation period written as a string",
    edit: (f) => (f.teams[1].keys = [{ name: "ci", rotation_days: "90" }]),
    path: "teams[1].keys[0].rotation_days",
    says: ['must be a number of days, got "90"', "write a bare number without quotes"],
  },
  {
    mistake: "a key rotation period in hours or fractions of a day",
    edit: (f) => (f.teams[2].keys = [{ name: "claude-code", rotation_days: 0.5 }]),
    path: "teams[2].keys[0].rotation_days",
    says: ["must be a whole number of days, got 0.5", "round it, e.g. 1"],
  },
  {
    mistake: "a key rotation period in seconds (over the typo ceiling)",
    edit: (f) => (f.defaults.keys = [{ name: "claude-code", rotation_days: 7_776_000 }]),
    path: "defaults.keys[0].rotation_days",
    says: ["must be at most 3,650 days, got 7776000", "check for extra zeros"],
  },
  {
    mistake: "a workspace display name instead of its id",
    edit: (f) => (f.teams[0].existing_workspace_id = "Payments"),
    path: "teams[0].existing_workspace_id",
    says: ["must be a workspace id (UUID) or slug (ws-…), not its display name"],
  },
];

describe("bad teams files: each mistake gets its own clear message", () => {
  it.each(mistakes)("$mistake", ({ edit, path, says }) => {
    const file = validFile();
    edit(file);
    const error = loadError(file);
    const lines = problemLines(error);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatch(/teams\.json: /);
    expect(line).toContain(`teams.json: ${path}: `);
    for (const fragment of says) expect(line).toContain(fragment);
    expect(line).toMatch(/ Fix: \S/);
  });

  it("covers at least 25 distinct mistakes", () => {
    expect(new Set(mistakes.map((m) => m.mistake)).size).toBeGreaterThanOrEqual(25);
  });
});
