/**
 * A canned Anthropic Messages reply, as JSON or as the SSE event sequence of a streaming reply
 * (message_start, content_block_start, ping, content_block_delta…, content_block_stop,
 * message_delta, message_stop).
 */
import { hex } from "../ids";
import type { JsonObject } from "../json";
import type { TokenUsage } from "../limits/prices";

export interface ReplyInput {
  readonly model: string;
  readonly providerSlug: string;
  readonly inputTokens: number;
}

const wordsFor = (input: ReplyInput): string[] => ["Hello", " from", " the", " Portkey", " emulator", ` (@${input.providerSlug}).`];

/** The usage the reply reports: what budgets and rate limits count (one word = one token). */
export function replyUsage(input: ReplyInput): TokenUsage {
  return { inputTokens: input.inputTokens, outputTokens: wordsFor(input).length };
}

function parts(input: ReplyInput): { id: string; words: string[]; outputTokens: number } {
  return { id: `msg_emu_${hex(24)}`, words: wordsFor(input), outputTokens: replyUsage(input).outputTokens };
}

export function messageJson(input: ReplyInput): JsonObject {
  const { id, words, outputTokens } = parts(input);
  return {
    id,
    type: "message",
    role: "assistant",
    model: input.model,
    content: [{ type: "text", text: words.join("") }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: input.inputTokens, output_tokens: outputTokens },
  };
}

const event = (name: string, data: JsonObject): string => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

export function messageEvents(input: ReplyInput): string[] {
  const { id, words, outputTokens } = parts(input);
  const start: JsonObject = {
    id,
    type: "message",
    role: "assistant",
    model: input.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: input.inputTokens, output_tokens: 1 },
  };
  return [
    event("message_start", { type: "message_start", message: start }),
    event("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
    event("ping", { type: "ping" }),
    ...words.map((text) => event("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } })),
    event("content_block_stop", { type: "content_block_stop", index: 0 }),
    event("message_delta", { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: outputTokens } }),
    event("message_stop", { type: "message_stop" }),
  ];
}
