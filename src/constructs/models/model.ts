/** What the catalogue knows of one Claude model on Vertex AI. */

export type ModelFamily = "opus" | "sonnet" | "haiku";

export const MODEL_FAMILIES: readonly ModelFamily[] = ["opus", "sonnet", "haiku"];

export interface VertexModel {
  /** The ID Vertex and Portkey expect in the request body. */
  readonly id: string;
  readonly family: ModelFamily;
  /** Display name, e.g. "Claude Sonnet 4.5". */
  readonly name: string;
  /** Regions where the model is commonly served; availability changes, check Model Garden. Absent: not known. */
  readonly regions?: readonly string[];
  /** What is uncertain about `regions`. */
  readonly regionNote?: string;
  /** The newer model of the same family to move to; set for every model that is not current. */
  readonly supersededBy?: string;
  /** Announced retirement date (YYYY-MM-DD, UTC): requests fail from that day on. */
  readonly retirementDate?: string;
  /** Where the lifecycle facts come from. */
  readonly source?: string;
  /** What of the above is not confirmed. */
  readonly unconfirmed?: string;
}
