/**
 * A tiny HTTP server on 127.0.0.1:0 whose answers are scripted per test. It records every
 * request (method, path, query, headers, JSON body) so tests can assert on what the client sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  readonly body: unknown;
  readonly rawBody: string;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface ScriptedServer {
  /** Base URL ending in `/v1`, like the real API. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(handler: Handler): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname.replace(/^\/v1/, ""),
        query: url.searchParams,
        headers: req.headers,
        body: rawBody ? JSON.parse(rawBody) : undefined,
        rawBody,
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answer with JSON (or raw text when `body` is a string). */
export function reply(response: ServerResponse, status: number, body: unknown = {}, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json", ...headers });
  response.end(text);
}

/** Destroy the socket without answering: the client sees a reset / closed connection. */
export function dropConnection(response: ServerResponse): void {
  response.socket?.destroy();
}

/** Handler that plays `steps` in order (one per request) and fails loudly past the end. */
export function inOrder(...steps: Handler[]): Handler {
  let next = 0;
  return (request, response) => {
    const step = steps[next++];
    if (!step) {
      reply(response, 418, { message: `unscripted request #${next}: ${request.method} ${request.path}` });
      return;
    }
    return step(request, response);
  };
}

/** Handler that routes on `METHOD /path` (exact path, query ignored). */
export function routes(table: Record<string, Handler>): Handler {
  return (request, response) => {
    const handler = table[`${request.method} ${request.path}`];
    if (!handler) {
      reply(response, 404, { success: false, data: { message: `no route ${request.method} ${request.path}`, errorCode: "AB08" } });
      return;
    }
    return handler(request, response);
  };
}
