/**
 * Field schemas shared by several parts of the teams file. Messages say what is wrong and the fix
 * (`withFix`); descriptions flow into teams.schema.json, so they are written for the person editing.
 */
import { z } from "zod";
import { didYouMean } from "./did-you-mean";
import { withFix } from "./problems";
import { VERTEX_REGIONS } from "./regions";

const show = (value: unknown) => JSON.stringify(value);

/** `Payments Team` → `payments-team`: the suggestion for names that are not slugs. */
export function slugify(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+|-+$/g, "");
}

/** A lowercase slug (letters, digits, dashes), the shape Portkey slugs and stack names need. */
export function slug(what: string, maxLength: number) {
  const pattern = new RegExp(`^[a-z](?:[a-z0-9-]{0,${maxLength - 2}}[a-z0-9])?$`);
  return z.string().regex(pattern, {
    error: (issue) => {
      const value = String(issue.input);
      const suggestion = slugify(value).slice(0, maxLength);
      const hint = suggestion && suggestion !== value ? `, e.g. ${show(suggestion)}` : "";
      return withFix(
        `${what} ${show(value)} is not a slug`,
        `use 1–${maxLength} lowercase ASCII letters, digits and dashes, starting with a letter and not ending with a dash${hint}.`,
      );
    },
  });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, why = "") {
  return z.enum(values, {
    error: (issue) =>
      withFix(
        `${show(issue.input)} is not allowed here${typeof issue.input === "string" ? didYouMean(issue.input, values) : ""}${why}`,
        `use one of ${values.map(show).join(", ")}.`,
      ),
  });
}

export const region = oneOf(VERTEX_REGIONS, "; Claude on Vertex is served only in the catalogue's regions").describe(
  "A Vertex AI region where Claude is served (src/constructs/models/catalogue.ts). `global` routes to any region with capacity.",
);

/** A whole number between `min` and `max`, with the unit in every message. */
export function wholeNumber(unit: string, min: number, max: number, belowMin?: { what: string; fix: string }) {
  return z
    .number({ error: (issue) => withFix(`must be a number of ${unit}, got ${show(issue.input)}`, "write a bare number without quotes, e.g. 100.") })
    // Too big first, and stop there: 1e21 is also "not an integer", which would only add noise.
    .max(max, {
      abort: true,
      error: (issue) => withFix(`must be at most ${max.toLocaleString("en-US")} ${unit}, got ${show(issue.input)}`, "check for extra zeros; this ceiling catches typos."),
    })
    .int({ abort: true, error: (issue) => withFix(`must be a whole number of ${unit}, got ${show(issue.input)}`, `round it, e.g. ${Math.max(min, Math.round(Number(issue.input)))}.`) })
    .min(min, {
      error: (issue) =>
        belowMin ? withFix(`${show(issue.input)} ${belowMin.what}`, belowMin.fix) : withFix(`must be at least ${min} ${unit}, got ${show(issue.input)}`, `use a value of ${min} or more.`),
    });
}

/** The ClaudeCodeTeam construct's rule for metadata keys, checked here so the file is named in the message. */
const METADATA_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

export const metadata = z
  .record(
    z
      .string()
      .min(1, { error: withFix("metadata keys cannot be empty", "name the key, e.g. \"cost_center\".") })
      .regex(METADATA_KEY, {
        error: (issue) =>
          withFix(
            `metadata key ${show(issue.input)} is not allowed: keys are 1–64 letters, digits, "_", "." or "-"`,
            `rename it, e.g. ${show(String(issue.input).replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 64) || "cost_center")}.`,
          ),
      }),
    z
      .string({ error: (issue) => withFix(`metadata values must be strings (Portkey rejects ${typeof issue.input}s), got ${show(issue.input)}`, `quote it: ${show(String(issue.input))}.`) })
      .max(128, { error: withFix("metadata values are at most 128 characters (Portkey's limit)", "shorten the value.") }),
  )
  .describe("Sent as x-portkey-metadata on every request (workspace > API key > request on clashes). String values only, each ≤ 128 characters; `_user` is Portkey's per-user key.");

const cap = { cost: 1_000_000, tokens: 1_000_000_000_000 } as const;

export const budget = z
  .object({
    type: oneOf(["cost", "tokens"]).default("cost").describe("`cost`: limit in US dollars; `tokens`: limit in tokens."),
    limit: wholeNumber("dollars or tokens", 1, Number.MAX_SAFE_INTEGER, {
      what: "is not a budget: Portkey refuses every request once the limit is reached, and a limit must be at least 1",
      fix: 'give a positive limit, or set "budget": null for no budget.',
    }).describe("The budget per period: whole US dollars (type cost) or tokens (type tokens). Requests are refused once it is spent."),
    alert_threshold: wholeNumber("dollars or tokens", 1, Number.MAX_SAFE_INTEGER)
      .optional()
      .describe("Email an alert once this much is spent: an absolute amount in the budget's unit (not a percentage), below `limit`."),
    periodic_reset: oneOf(["monthly", "weekly", "none"])
      .default("monthly")
      .describe("When spending resets: `monthly` (1st, 00:00 UTC), `weekly` (Sunday, 00:00 UTC) or `none` (one budget for good)."),
  })
  .strict()
  .superRefine((b, ctx) => {
    // zod runs this even when `limit` itself was rejected; compare only valid limits.
    if (!Number.isSafeInteger(b.limit) || b.limit < 1) return;
    if (b.limit > cap[b.type]) {
      ctx.addIssue({
        code: "custom",
        path: ["limit"],
        message: withFix(`${b.limit} is over the ceiling of ${cap[b.type].toLocaleString("en-US")} for a ${b.type} budget`, "check for extra zeros; this ceiling catches typos."),
      });
    }
    if (b.alert_threshold !== undefined && b.alert_threshold >= b.limit) {
      const percentHint = b.alert_threshold <= 100 ? ` If you meant ${b.alert_threshold}%, write ${Math.floor((b.limit * b.alert_threshold) / 100)}.` : "";
      ctx.addIssue({
        code: "custom",
        path: ["alert_threshold"],
        message: withFix(
          `alert_threshold ${b.alert_threshold} is not below the limit ${b.limit}; it is an absolute amount in the budget's unit, not a percentage`,
          `use an amount below ${b.limit}.${percentHint}`,
        ),
      });
    }
  })
  .describe("A spending limit enforced by Portkey.");

export const rateLimit = z
  .object({
    type: oneOf(["requests", "tokens"]).default("requests").describe("Count requests or tokens."),
    unit: oneOf(["rpm", "rph", "rpd"], "; rps and rpw exist only on single API keys").default("rpm").describe("Per minute (`rpm`), hour (`rph`) or day (`rpd`)."),
    value: wholeNumber("requests or tokens", 1, 1_000_000_000, {
      what: "would block every request (Portkey treats a rate limit of 0 as 'disabled')",
      fix: 'give a positive value, or set "rate_limit": null for no limit.',
    }).describe("How many per unit. (Portkey treats 0 as 'block everything'; leave rate_limit out, or null, for no limit.)"),
  })
  .strict()
  .describe("A rate limit enforced by Portkey.");

export type Budget = z.output<typeof budget>;
export type RateLimit = z.output<typeof rateLimit>;
