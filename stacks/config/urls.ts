/**
 * The two Portkey URLs a teams file may set, and the mistake each invites: the Admin API lives
 * under /v1, while Claude Code's gateway base URL must NOT end in /v1 (Claude Code appends
 * /v1/messages itself; with /v1 it calls /v1/v1/messages and Portkey answers "500 fetch failed",
 * ../shared/docs/claude-code-gateway.md).
 */
import { z } from "zod";
import { adminUrlProblem, endsInV1, shownUrl, type UrlProblem, urlProblem } from "../../src/portkey/url-rules";
import { withFix } from "./problems";

const asMessage = (problem: UrlProblem) => withFix(problem.what, problem.fix);

export const adminApiUrl = z
  .string()
  .superRefine((raw, ctx) => {
    const problem = adminUrlProblem(raw);
    if (problem) ctx.addIssue({ code: "custom", message: asMessage(problem) });
  })
  .default("https://api.portkey.ai/v1")
  .describe("Portkey Admin API base URL, ending in /v1. Self-hosted control planes and the local emulator (http://127.0.0.1:PORT/v1) go here.");

export const gatewayUrl = z
  .string()
  .superRefine((raw, ctx) => {
    const problem = urlProblem(raw, "https://api.portkey.ai");
    if (problem) ctx.addIssue({ code: "custom", message: asMessage(problem) });
    else if (endsInV1(raw)) {
      ctx.addIssue({
        code: "custom",
        message: withFix(
          `${shownUrl(raw)} ends in /v1; Claude Code appends /v1/messages itself, calls /v1/v1/messages and Portkey answers "500 fetch failed"`,
          `remove the trailing /v1: ${shownUrl(raw.replace(/\/v1\/*$/, ""))}.`,
        ),
      });
    }
  })
  .optional()
  .describe("The gateway URL Claude Code calls (ANTHROPIC_BASE_URL), WITHOUT /v1. Defaults to base_url without its /v1.");

/** The gateway origin implied by the Admin API URL: `https://api.portkey.ai/v1` → `https://api.portkey.ai`. */
export function gatewayFromAdminUrl(adminUrl: string): string {
  return adminUrl.replace(/\/v1\/*$/, "");
}
