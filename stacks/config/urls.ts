/**
 * The two Portkey URLs a teams file may set, and the mistake each invites: the Admin API lives
 * under /v1, while Claude Code's gateway base URL must NOT end in /v1 (Claude Code appends
 * /v1/messages itself; with /v1 it calls /v1/v1/messages and Portkey answers "500 fetch failed",
 * ../shared/docs/claude-code-gateway.md).
 */
import { z } from "zod";
import { withFix } from "./problems";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Problems with `raw` as an http(s) URL, or nothing. Plain http only for loopback (the emulator). */
function urlProblem(raw: string, example: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return withFix(`${JSON.stringify(raw)} is not a URL`, `write the full URL, e.g. ${JSON.stringify(example)}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return withFix(`${JSON.stringify(raw)} is not an http(s) URL`, `use e.g. ${JSON.stringify(example)}.`);
  if (url.protocol === "http:" && !LOOPBACK.has(url.hostname)) {
    return withFix(`${JSON.stringify(raw)} uses plain http, which would send Portkey keys unencrypted`, "use https (plain http is accepted only for 127.0.0.1/localhost, e.g. the local emulator).");
  }
  if (url.search || url.hash) return withFix(`${JSON.stringify(raw)} has a query or fragment`, "remove everything after the path.");
  return undefined;
}

const endsInV1 = (raw: string) => /\/v1\/*$/.test(raw);

export const adminApiUrl = z
  .string()
  .superRefine((raw, ctx) => {
    const problem = urlProblem(raw, "https://api.portkey.ai/v1");
    if (problem) ctx.addIssue({ code: "custom", message: problem });
    else if (!endsInV1(raw)) {
      ctx.addIssue({ code: "custom", message: withFix(`${JSON.stringify(raw)} is not the Admin API: its paths live under /v1`, `use ${JSON.stringify(`${raw.replace(/\/+$/, "")}/v1`)}.`) });
    }
  })
  .default("https://api.portkey.ai/v1")
  .describe("Portkey Admin API base URL, ending in /v1. Self-hosted control planes and the local emulator (http://127.0.0.1:PORT/v1) go here.");

export const gatewayUrl = z
  .string()
  .superRefine((raw, ctx) => {
    const problem = urlProblem(raw, "https://api.portkey.ai");
    if (problem) ctx.addIssue({ code: "custom", message: problem });
    else if (endsInV1(raw)) {
      ctx.addIssue({
        code: "custom",
        message: withFix(
          `${JSON.stringify(raw)} ends in /v1; Claude Code appends /v1/messages itself, calls /v1/v1/messages and Portkey answers "500 fetch failed"`,
          `remove the trailing /v1: ${JSON.stringify(raw.replace(/\/v1\/*$/, ""))}.`,
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
