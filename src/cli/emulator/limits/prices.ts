/**
 * What one gateway response costs, in USD: the one price table of the emulator. Rates are
 * Anthropic's published list prices per million tokens, which Vertex AI charges for Claude too.
 * A model id is matched by family, with or without its date (`claude-sonnet-4-5@20250929`,
 * `claude-sonnet-4-5-20250929`, `claude-sonnet-4-5`). An unknown model is priced like Sonnet
 * (an emulator choice, docs/emulator-limits.md): priced at zero, a cost budget would never bite.
 */
export interface Price {
  /** USD per million input tokens. */
  readonly inputPerMillion: number;
  /** USD per million output tokens. */
  readonly outputPerMillion: number;
}

/** Longest prefix first: `claude-opus-4-5` must win over `claude-opus-4`. */
const TABLE: ReadonlyArray<readonly [prefix: string, price: Price]> = [
  ["claude-opus-4-6", { inputPerMillion: 5, outputPerMillion: 25 }],
  ["claude-opus-4-5", { inputPerMillion: 5, outputPerMillion: 25 }],
  ["claude-opus-4-1", { inputPerMillion: 15, outputPerMillion: 75 }],
  ["claude-opus-4", { inputPerMillion: 15, outputPerMillion: 75 }],
  ["claude-sonnet-4", { inputPerMillion: 3, outputPerMillion: 15 }],
  ["claude-3-7-sonnet", { inputPerMillion: 3, outputPerMillion: 15 }],
  ["claude-haiku-4-5", { inputPerMillion: 1, outputPerMillion: 5 }],
  ["claude-3-5-haiku", { inputPerMillion: 0.8, outputPerMillion: 4 }],
];

export const FALLBACK_PRICE: Price = { inputPerMillion: 3, outputPerMillion: 15 };

export function priceOf(model: string): Price {
  const bare = model.replace(/^anthropic\./, "").toLowerCase();
  return TABLE.find(([prefix]) => bare === prefix || bare.startsWith(`${prefix}-`) || bare.startsWith(`${prefix}@`))?.[1] ?? FALLBACK_PRICE;
}

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export function costUsd(model: string, usage: TokenUsage): number {
  const price = priceOf(model);
  return (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
}
