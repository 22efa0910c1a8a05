/**
 * The answers Portkey's gateway gives when a limit bites (fact sheet §12, from the enterprise
 * gateway's `preRequestValidator`; docs: 412 "Budget exhausted", 429 "Request rate limited").
 * Budgets answer 412, rate limits 429, in the OpenAI-style body
 * `{error:{message, type, param:null, code}}`; an API key's own budget is refused by the auth
 * middleware instead, in `{status:"failure", message:"Portkey Error: … Error Code: 04", error}`.
 * No `Retry-After` header: Portkey's 429s carry none. Names in messages are slugs and ids, as
 * the hosted gateway prints them since v2.10.0 (masked before); never a secret.
 */

import type { Reply } from "../http";
import { GatewayError } from "./errors";

export class LimitHit extends GatewayError {
  constructor(
    status: 412 | 429,
    message: string,
    private readonly body: Reply["json"],
  ) {
    super(status, "api_error", message);
  }

  override reply(): Reply {
    return { status: this.status, json: this.body };
  }
}

const openAiStyle = (status: 412 | 429, message: string, type: string, code: string | null): LimitHit =>
  new LimitHit(status, message, { error: { message, type, param: null, code } });

export function apiKeyExhausted(keyId: string): LimitHit {
  const message = `Portkey Error: Portkey API Key ${keyId} Usage Limit Exceeded. Error Code: 04`;
  return new LimitHit(412, message, { status: "failure", message, error: { message, code: "04" } });
}

export const workspaceExhausted = (): LimitHit => openAiStyle(412, "Portkey Workspace Usage Limit Exceeded", "workspace_exhaust_error", "04");
export const integrationExhausted = (slug: string): LimitHit => openAiStyle(412, `Portkey Integration ${slug} Usage Limit Exceeded`, "integration_exhaust_error", "04");
export const providerExhausted = (slug: string): LimitHit => openAiStyle(412, `Portkey Virtual Key ${slug} Usage Limit Exceeded`, "virtual_key_exhaust_error", "04");
export const usagePolicyExhausted = (policyId: string, valueKey: string): LimitHit =>
  openAiStyle(412, `Portkey Usage Limits Policy ${policyId} Exceeded for value key ${valueKey}`, "usage_limits_policy_exhaust_error", "06");

export const apiKeyRateLimited = (keyId: string): LimitHit => openAiStyle(429, `Portkey API Key ${keyId} Rate Limit Exceeded`, "api_key_rate_limit_error", null);
export const workspaceRateLimited = (slug: string): LimitHit => openAiStyle(429, `Portkey Workspace ${slug} Rate Limit Exceeded`, "workspace_rate_limit_error", null);
export const integrationRateLimited = (slug: string): LimitHit => openAiStyle(429, `Portkey Integration ${slug} Rate Limit Exceeded`, "integration_rate_limit_error", null);
export const providerRateLimited = (slug: string): LimitHit => openAiStyle(429, `Portkey Virtual Key ${slug} Rate Limit Exceeded`, "virtual_key_rate_limit_error", null);
export const ratePolicyExceeded = (policyId: string, valueKey: string): LimitHit =>
  openAiStyle(429, `Portkey Rate Limit Policy ${policyId} exceeded for value key ${valueKey}`, "rate_limits_policy_exhaust_error", null);
