/**
 * The Vertex AI regions a teams file may name: every region the model catalogue lists a Claude
 * model in (`global` included). One source of truth: add a region to the catalogue, not here.
 */
import { VERTEX_CLAUDE_MODELS } from "../../src/constructs/models/catalogue";

export const VERTEX_REGIONS: readonly [string, ...string[]] = (() => {
  const regions = [...new Set(VERTEX_CLAUDE_MODELS.flatMap((model) => model.regions ?? []))].sort((a, b) =>
    a === "global" ? -1 : b === "global" ? 1 : a.localeCompare(b),
  );
  const [first, ...rest] = regions;
  return [first, ...rest];
})();
