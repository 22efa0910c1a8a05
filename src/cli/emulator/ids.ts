/**
 * Identifier and secret formats, matching what live Portkey hands out
 * (portkey-admin-api.md §7.1, §8.1, §6.1): UUID ids, `ws-<name6>-<hex6>` workspace slugs,
 * `pc-<name6>-<hex6>` config slugs, and API-key secrets shown once then masked as `ab*****yz`.
 */
import { randomBytes, randomUUID } from "node:crypto";

export const uuid = (): string => randomUUID();

export const hex = (length: number): string => randomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);

/** The first six slug-safe characters of a name ("Platform Team" → "platfo"). */
export function name6(name: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return (cleaned || "object").slice(0, 6);
}

export const workspaceSlug = (name: string): string => `ws-${name6(name)}-${hex(6)}`;
export const configSlug = (name: string): string => `pc-${name6(name)}-${hex(6)}`;

/** A readable slug for objects whose slug defaults to "name + random suffix" (providers, integrations). */
export function nameSlug(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  return `${base || "object"}-${hex(4)}`;
}

/** An API-key secret; long and random like a real one. */
export const apiKeySecret = (): string => `pk-${randomBytes(24).toString("base64url")}`;

/** Live Portkey masks secrets as the first two and last two characters around five stars. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return "*****";
  return `${secret.slice(0, 2)}*****${secret.slice(-2)}`;
}

export const now = (): string => new Date().toISOString();
