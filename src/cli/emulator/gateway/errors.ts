/**
 * Gateway errors in the Anthropic Messages error shape (`{type:"error", error:{type, message}}`),
 * which is what Claude Code parses and prints.
 */
import type { Reply } from "../http";

export type GatewayErrorType = "invalid_request_error" | "authentication_error" | "permission_error" | "not_found_error" | "api_error";

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly type: GatewayErrorType,
    message: string,
  ) {
    super(message);
  }

  reply(): Reply {
    return { status: this.status, json: { type: "error", error: { type: this.type, message: this.message } } };
  }
}

export const badRequest = (message: string): GatewayError => new GatewayError(400, "invalid_request_error", message);
export const unauthenticated = (message: string): GatewayError => new GatewayError(401, "authentication_error", message);
export const notPermitted = (message: string): GatewayError => new GatewayError(403, "permission_error", message);
export const missing = (message: string): GatewayError => new GatewayError(404, "not_found_error", message);
