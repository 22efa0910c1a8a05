/**
 * Decoding Portkey's error bodies (fact sheet §1.3). Four JSON shapes are seen in the wild, plus
 * non-JSON bodies from proxies:
 *   {success:false, data:{message, errorCode}}   documented
 *   {errorCode, message}                         flat (TF fixture)
 *   {error:{message, code, slug, type}}          gateway style
 *   {message, code}                              bare
 */
import * as z from "zod/v4";

const inner = z.object({
  message: z.unknown().optional(),
  errorCode: z.unknown().optional(),
  code: z.unknown().optional(),
});

const envelope = inner.extend({
  error: z.union([inner, z.string()]).optional(),
  data: z.unknown().optional(),
});

export interface DecodedError {
  readonly code: string | undefined;
  readonly message: string | undefined;
  /** The parsed JSON body, or the (truncated) text when the body was not JSON. */
  readonly body: unknown;
}

const MAX_TEXT = 500;

export function decodeErrorBody(text: string): DecodedError {
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    const trimmed = text.trim().slice(0, MAX_TEXT);
    return { code: undefined, message: trimmed.length > 0 ? trimmed : undefined, body: trimmed };
  }
  const top = envelope.safeParse(json);
  if (!top.success) return { code: undefined, message: undefined, body: json };
  const dataInner = inner.safeParse(top.data.data);
  const candidates = [
    typeof top.data.error === "string" ? { message: top.data.error } : top.data.error,
    dataInner.success ? dataInner.data : undefined,
    top.data,
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const message = asText(candidate.message);
    const code = asText((candidate as { errorCode?: unknown }).errorCode) ?? asText((candidate as { code?: unknown }).code);
    if (message !== undefined || code !== undefined) return { code, message, body: json };
  }
  return { code: undefined, message: undefined, body: json };
}

function asText(value: unknown): string | undefined {
  if (typeof value === "string" && value.length > 0) return value;
  if (typeof value === "number") return String(value);
  return undefined;
}
