/**
 * The built-in list of Claude models on Vertex AI, by their Vertex IDs, with what is known of
 * each model's lifecycle. It is the offline fallback: a deployment can override or extend it
 * with a catalogue file (`models_catalogue` in the teams file), and check it against Portkey's
 * own list of the integration's models at plan time.
 *
 * Vertex puts `@` before the date (`claude-sonnet-4-5@20250929`); the Anthropic API's
 * `-20250929` form is a 404 on Vertex. Models from 4-6 on have no date at all (`claude-opus-5-5`).
 * Each model must also be enabled by hand in Model Garden: Terraform cannot do it.
 *
 * Where the facts come from (read 2026-12-03):
 * - Vertex IDs of the dateless models and of every dated one: Claude Code 2.1.330's own model
 *   table (its `provider_ids.vertex`), which also names `claude-opus-5-5` as its default for
 *   the opus alias; older dated IDs also in Anthropic's "Claude on Vertex AI" page.
 * - Retirement dates: Claude Code 2.1.330's deprecation table (built 2026-11-20), which carries
 *   Anthropic's dates (Claude API). Anthropic's deprecations page says partner platforms such
 *   as Vertex AI "set their own retirement schedules": a Vertex date is unconfirmed unless
 *   `unconfirmed` says otherwise. Anthropic gives at least 60 days' notice of a retirement.
 * - Regions: ../shared/docs/claude-code-gateway.md ("Vertex model IDs": `global` and `us-east5`
 *   are common); no region list was published for the 4-7 and later models in the sources read,
 *   so they carry the 4-6 list with a region note. Availability changes: check Model Garden.
 */
import type { VertexModel } from "./model";

const COMMON_REGIONS = ["global", "us-east5", "europe-west1", "asia-southeast1"] as const;
const ASSUMED_REGIONS =
  "Vertex region list not published in the sources read (Claude Code 2.1.330 lists the model for Vertex); assumed as for claude-opus-4-6. Check Model Garden.";
const CLIENT_TABLE = "Claude Code 2.1.330 model table";
const CLIENT_RETIREMENTS = "Claude Code 2.1.330 deprecation table (Anthropic API date)";
const VERTEX_DATE_UNCONFIRMED = "the Vertex AI date is not published separately; Anthropic's date is used";

export const BUILT_IN_MODELS: readonly VertexModel[] = [
  // Current: the newest model of each family (Claude Code 2.1.330's defaults for opus, sonnet and haiku).
  { id: "claude-opus-5-5", family: "opus", name: "Claude Opus 5.5", regions: COMMON_REGIONS, regionNote: ASSUMED_REGIONS, source: CLIENT_TABLE },
  { id: "claude-sonnet-5-5", family: "sonnet", name: "Claude Sonnet 5.5", regions: COMMON_REGIONS, regionNote: ASSUMED_REGIONS, source: CLIENT_TABLE },
  { id: "claude-haiku-5-5", family: "haiku", name: "Claude Haiku 5.5", regions: COMMON_REGIONS, regionNote: ASSUMED_REGIONS, source: CLIENT_TABLE },

  // Superseded: still served, no retirement date announced (Anthropic's "not sooner than" floors are not dates).
  { id: "claude-opus-5", family: "opus", name: "Claude Opus 5", regions: COMMON_REGIONS, regionNote: ASSUMED_REGIONS, supersededBy: "claude-opus-5-5", source: CLIENT_TABLE },
  { id: "claude-opus-4-8", family: "opus", name: "Claude Opus 4.8", regions: COMMON_REGIONS, regionNote: ASSUMED_REGIONS, supersededBy: "claude-opus-5-5", source: CLIENT_TABLE },
  { id: "claude-opus-4-7", family: "opus", name: "Claude Opus 4.7", regions: COMMON_REGIONS, regionNote: ASSUMED_REGIONS, supersededBy: "claude-opus-5-5", source: CLIENT_TABLE },
  { id: "claude-opus-4-6", family: "opus", name: "Claude Opus 4.6", regions: COMMON_REGIONS, supersededBy: "claude-opus-5-5", source: CLIENT_TABLE },
  { id: "claude-sonnet-5", family: "sonnet", name: "Claude Sonnet 5", regions: COMMON_REGIONS, regionNote: ASSUMED_REGIONS, supersededBy: "claude-sonnet-5-5", source: CLIENT_TABLE },
  { id: "claude-sonnet-4-6", family: "sonnet", name: "Claude Sonnet 4.6", regions: COMMON_REGIONS, supersededBy: "claude-sonnet-5-5", source: CLIENT_TABLE },
  { id: "claude-haiku-4-5@20251001", family: "haiku", name: "Claude Haiku 4.5", regions: COMMON_REGIONS, supersededBy: "claude-haiku-5-5", source: CLIENT_TABLE },

  // Retiring: a retirement date is announced.
  {
    id: "claude-opus-4-5@20251101",
    family: "opus",
    name: "Claude Opus 4.5",
    regions: COMMON_REGIONS,
    supersededBy: "claude-opus-5-5",
    retirementDate: "2027-01-22",
    source: "Anthropic's deprecations page, 2026-11-23, as quoted in the release notes of modelpin 0.5.7 (2026-11-26), which say Vertex AI gives the same date",
    unconfirmed: "the date is tentative and is not in Claude Code 2.1.330's table (built three days before the announcement)",
  },

  // Retired: requests fail.
  {
    id: "claude-sonnet-4-5@20250929",
    family: "sonnet",
    name: "Claude Sonnet 4.5",
    regions: COMMON_REGIONS,
    supersededBy: "claude-sonnet-5-5",
    retirementDate: "2026-11-30",
    source: `${CLIENT_RETIREMENTS}; the client warns that Claude Sonnet 4.5 was retired on 2026-11-30 (issue 14)`,
    unconfirmed: VERTEX_DATE_UNCONFIRMED,
  },
  {
    id: "claude-opus-4-1@20250805",
    family: "opus",
    name: "Claude Opus 4.1",
    regions: ["global", "us-east5", "europe-west1"],
    supersededBy: "claude-opus-5-5",
    retirementDate: "2026-08-05",
    source: CLIENT_RETIREMENTS,
    unconfirmed: VERTEX_DATE_UNCONFIRMED,
  },
  {
    id: "claude-opus-4@20250514",
    family: "opus",
    name: "Claude Opus 4",
    regions: ["us-east5", "europe-west1"],
    supersededBy: "claude-opus-5-5",
    retirementDate: "2026-06-15",
    source: CLIENT_RETIREMENTS,
    unconfirmed: VERTEX_DATE_UNCONFIRMED,
  },
  {
    id: "claude-sonnet-4@20250514",
    family: "sonnet",
    name: "Claude Sonnet 4",
    regions: ["global", "us-east5", "europe-west1", "asia-east1"],
    supersededBy: "claude-sonnet-5-5",
    retirementDate: "2026-06-15",
    source: CLIENT_RETIREMENTS,
    unconfirmed: VERTEX_DATE_UNCONFIRMED,
  },
  {
    id: "claude-3-haiku@20240307",
    family: "haiku",
    name: "Claude Haiku 3",
    regions: ["us-east5"],
    supersededBy: "claude-haiku-5-5",
    retirementDate: "2026-04-20",
    source: CLIENT_RETIREMENTS,
    unconfirmed: VERTEX_DATE_UNCONFIRMED,
  },
  {
    id: "claude-3-5-haiku@20241022",
    family: "haiku",
    name: "Claude Haiku 3.5",
    regions: ["us-east5"],
    supersededBy: "claude-haiku-5-5",
    retirementDate: "2026-02-19",
    source: CLIENT_RETIREMENTS,
    unconfirmed: VERTEX_DATE_UNCONFIRMED,
  },
  {
    id: "claude-3-7-sonnet@20250219",
    family: "sonnet",
    name: "Claude Sonnet 3.7",
    regions: ["us-east5"],
    supersededBy: "claude-sonnet-5-5",
    retirementDate: "2026-02-19",
    source: CLIENT_RETIREMENTS,
    unconfirmed: VERTEX_DATE_UNCONFIRMED,
  },
  {
    id: "claude-3-opus@20240229",
    family: "opus",
    name: "Claude Opus 3",
    regions: ["us-east5"],
    supersededBy: "claude-opus-5-5",
    retirementDate: "2026-01-05",
    source: CLIENT_RETIREMENTS,
    unconfirmed: VERTEX_DATE_UNCONFIRMED,
  },
  {
    id: "claude-3-5-sonnet-v2@20241022",
    family: "sonnet",
    name: "Claude Sonnet 3.5",
    regions: ["us-east5"],
    supersededBy: "claude-sonnet-5-5",
    retirementDate: "2025-10-28",
    source: CLIENT_RETIREMENTS,
    unconfirmed: VERTEX_DATE_UNCONFIRMED,
  },
];

/**
 * What each alias (`opus`, `sonnet`, `haiku`) resolves to when a team does not choose: the
 * current model of each family (a test keeps them current). Claude Code's own defaults change by
 * version and provider (2.1.330 maps sonnet and haiku to 4-5 on Vertex, and behind a gateway to
 * `claude-sonnet-4-6` and the undated `claude-haiku-4-5`, not a Vertex ID), so every rendered
 * file sets all three.
 */
export const DEFAULT_MODELS = { opus: "claude-opus-5-5", sonnet: "claude-sonnet-5-5", haiku: "claude-haiku-5-5" } as const;
