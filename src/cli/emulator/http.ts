/** Request bodies in, replies out: the only place that touches node:http objects' bodies. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Json } from "./json";

/** A request larger than this is refused (Claude Code sends ~120 KB). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge(`request body exceeds ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** A response the server may still decide not to send (the "drop the response" fault). */
export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body, or raw text, or a sequence of chunks written one by one (SSE). */
  readonly json?: Json;
  readonly text?: string;
  readonly chunks?: readonly string[];
}

export const jsonReply = (status: number, json: Json, headers?: Record<string, string>): Reply => ({ status, json, headers });

export function sendReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.json !== undefined) {
    const text = JSON.stringify(reply.json);
    res.writeHead(reply.status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  } else if (reply.chunks) {
    res.writeHead(reply.status, headers);
    for (const chunk of reply.chunks) res.write(chunk);
    res.end();
  } else {
    const text = reply.text ?? "";
    res.writeHead(reply.status, { "content-length": String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
