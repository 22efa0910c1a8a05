/**
 * The Claude models Vertex AI serves, by their Vertex IDs.
 *
 * Vertex puts `@` before the date (`claude-sonnet-4-5@20250929`); the Anthropic API's
 * `-20250929` form is a 404 on Vertex. Newer models have no date at all (`claude-opus-4-6`).
 * Each model must also be enabled by hand in Model Garden: Terraform cannot do it.
 * Source: ../shared/docs/claude-code-gateway.md "Vertex model IDs".
 */

export type ModelFamily = "opus" | "sonnet" | "haiku";

export interface VertexModel {
  /** The ID Vertex and Portkey expect in the request body. */
  readonly id: string;
  readonly family: ModelFamily;
  /** Regions where the model is commonly served; availability changes, check Model Garden. */
  readonly regions: readonly string[];
  /** A newer model of the same family exists; kept for teams pinned to it. */
  readonly superseded?: boolean;
}

const COMMON_REGIONS = ["global", "us-east5", "europe-west1", "asia-southeast1"] as const;

export const VERTEX_CLAUDE_MODELS: readonly VertexModel[] = [
  { id: "claude-opus-4-6", family: "opus", regions: COMMON_REGIONS },
  { id: "claude-sonnet-4-6", family: "sonnet", regions: COMMON_REGIONS },
  { id: "claude-opus-4-5@20251101", family: "opus", regions: COMMON_REGIONS, superseded: true },
  { id: "claude-sonnet-4-5@20250929", family: "sonnet", regions: COMMON_REGIONS, superseded: true },
  { id: "claude-haiku-4-5@20251001", family: "haiku", regions: COMMON_REGIONS },
  { id: "claude-opus-4-1@20250805", family: "opus", regions: ["global", "us-east5", "europe-west1"], superseded: true },
  { id: "claude-opus-4@20250514", family: "opus", regions: ["us-east5", "europe-west1"], superseded: true },
  { id: "claude-sonnet-4@20250514", family: "sonnet", regions: ["global", "us-east5", "europe-west1", "asia-east1"], superseded: true },
  { id: "claude-3-5-haiku@20241022", family: "haiku", regions: ["us-east5"], superseded: true },
];

/** What each alias (`opus`, `sonnet`, `haiku`) resolves to when a team does not choose. */
export const DEFAULT_MODELS: Readonly<Record<ModelFamily, string>> = {
  opus: "claude-opus-4-6",
  sonnet: "claude-sonnet-4-6",
  haiku: "claude-haiku-4-5@20251001",
};

export function findModel(id: string): VertexModel | undefined {
  return VERTEX_CLAUDE_MODELS.find((model) => model.id === id);
}

/** `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5@20250929`: the Anthropic-API form of a Vertex ID. */
export function vertexFormOf(id: string): string | undefined {
  const dated = /^(claude-.+)-(\d{8})$/.exec(id);
  return dated ? `${dated[1]}@${dated[2]}` : undefined;
}

export interface ModelCheckOptions {
  /** Accept IDs that are not in the catalogue (newer than this release of the toolkit). */
  readonly allowUnknownModels?: boolean;
}

/**
 * Why `id` cannot be used on Vertex, or undefined when it can.
 * The message names the fix: the `@` form, a catalogue ID, or the escape hatch.
 */
export function modelProblem(id: string, options: ModelCheckOptions = {}): string | undefined {
  if (findModel(id)) return undefined;
  const vertexForm = vertexFormOf(id);
  if (vertexForm) {
    return `"${id}" is the Anthropic API form; Vertex answers 404 for it. Use "${vertexForm}" (Vertex puts "@" before the date).`;
  }
  if (options.allowUnknownModels && /^claude-[a-z0-9.@-]+$/.test(id)) return undefined;
  const known = VERTEX_CLAUDE_MODELS.map((model) => model.id).join(", ");
  return `"${id}" is not a known Vertex Claude model ID. Known: ${known}. For a model newer than this catalogue set allowUnknownModels: true.`;
}
