/**
 * Admin API errors: `{ success: false, data: { message, errorCode } }` with the AB codes of
 * portkey-admin-api.md §1.3. Route code throws `ApiError`; the server turns it into a response.
 */
import type { ZodError } from "zod";

export type ErrorCode = "AB01" | "AB02" | "AB03" | "AB04" | "AB05" | "AB06" | "AB07" | "AB08" | "AB09";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  body(): { success: false; data: { message: string; errorCode: ErrorCode } } {
    return { success: false, data: { message: this.message, errorCode: this.code } };
  }
}

export const invalid = (message: string): ApiError => new ApiError(400, "AB01", message);
export const unauthorized = (message: string): ApiError => new ApiError(401, "AB05", message);
export const forbidden = (message: string): ApiError => new ApiError(403, "AB03", message);
export const notFound = (message: string): ApiError => new ApiError(404, "AB08", message);
export const conflict = (message: string): ApiError => new ApiError(409, "AB07", message);

/** Live Portkey answers 403 (not 404) for a workspace that does not exist (fact sheet §1.3). */
export const workspaceNotFound = (ref: string): ApiError =>
  forbidden(`You do not have access to workspace ${JSON.stringify(ref)}, or it does not exist.`);

/** A zod failure as one AB01 message naming every offending field. */
export function validationError(error: ZodError): ApiError {
  const parts = error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "body";
    return `${field}: ${issue.message}`;
  });
  return invalid(`Invalid request: ${parts.join("; ")}`);
}
