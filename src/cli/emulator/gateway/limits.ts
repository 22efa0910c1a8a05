/**
 * Budgets and rate limits at the gateway, in the order Portkey checks them (fact sheet §12):
 * budgets first (API key, then the integration's workspace access, the provider, the
 * workspace, then usage-limits policies), all answering 412; then rate limits (API key,
 * workspace, integration access, provider, rate-limits policies), answering 429. A refused
 * request counts toward nothing. A served request is counted after its response exists: its
 * tokens and cost go to every budget and policy entity it falls under, and one request (or its
 * tokens) to every rate window.
 */
import type { Spend } from "../limits/budgets";
import { addSpend, exhaustedBudget } from "../limits/budgets";
import { accessLimits, apiKeyLimits, type ObjectLimits, providerLimits, workspaceLimits } from "../limits/object-limits";
import { matchingPolicies, type RequestFacts } from "../limits/policy-match";
import { addToRateWindows, brokenRateLimit, type RateLimit, rateLimits } from "../limits/rates";
import { exhaustedPolicy, recordPolicyUsage } from "../state/policy-entities";
import type { ApiKeyRecord, WorkspaceRecord } from "../state/records";
import type { Store } from "../state/store";
import type { LimitHit } from "./limit-errors";
import * as hit from "./limit-errors";
import type { Routing } from "./routing";

export interface LimitedRequest {
  readonly key: ApiKeyRecord;
  readonly workspace: WorkspaceRecord | undefined;
  readonly routing: Routing;
  readonly facts: RequestFacts;
  /** The body's `max_tokens`: what a tokens rate limit reserves before the call. */
  readonly maxTokens: number;
}

interface Subject {
  readonly limits: ObjectLimits;
  readonly exhausted: () => LimitHit;
  readonly rateLimited: () => LimitHit;
}

function subjects(request: LimitedRequest): { apiKey: Subject; access?: Subject; provider: Subject; workspace?: Subject } {
  const { key, workspace, routing } = request;
  const integration = routing.integration;
  const slug = routing.provider.slug;
  return {
    apiKey: { limits: apiKeyLimits(key), exhausted: () => hit.apiKeyExhausted(key.id), rateLimited: () => hit.apiKeyRateLimited(key.id) },
    access:
      integration && workspace
        ? { limits: accessLimits(integration, workspace.id), exhausted: () => hit.integrationExhausted(integration.slug), rateLimited: () => hit.integrationRateLimited(integration.slug) }
        : undefined,
    provider: { limits: providerLimits(routing.provider), exhausted: () => hit.providerExhausted(slug), rateLimited: () => hit.providerRateLimited(slug) },
    workspace: workspace ? { limits: workspaceLimits(workspace), exhausted: hit.workspaceExhausted, rateLimited: () => hit.workspaceRateLimited(workspace.slug) } : undefined,
  };
}

const present = <T>(items: readonly (T | undefined)[]): T[] => items.filter((item): item is T => item !== undefined);

/** Rate-limits policies the request falls under, each as a limit on its own window. */
function ratePolicies(store: Store, facts: RequestFacts): { owner: string; limit: RateLimit; refuse: () => LimitHit }[] {
  return matchingPolicies(store, "rate-limits", facts).flatMap(({ policy, valueKey }) =>
    rateLimits(policy.fields).map((limit) => ({ owner: `rate-policy:${policy.id}:${valueKey}`, limit, refuse: () => hit.ratePolicyExceeded(policy.id, valueKey) })),
  );
}

/** Throws the LimitHit Portkey would answer with, or returns when every limit lets the request through. */
export function enforceLimits(store: Store, request: LimitedRequest): void {
  const s = subjects(request);
  for (const subject of present([s.apiKey, s.access, s.provider, s.workspace])) {
    if (exhaustedBudget(store, subject.limits.owner, subject.limits.budgets)) throw subject.exhausted();
  }
  const policy = exhaustedPolicy(store, request.facts);
  if (policy) throw hit.usagePolicyExhausted(policy.policy.id, policy.valueKey);
  for (const subject of present([s.apiKey, s.workspace, s.access, s.provider])) {
    if (brokenRateLimit(store, subject.limits.owner, subject.limits.rates, request.maxTokens)) throw subject.rateLimited();
  }
  for (const item of ratePolicies(store, request.facts)) {
    if (brokenRateLimit(store, item.owner, [item.limit], request.maxTokens)) throw item.refuse();
  }
}

/** Count a served request's spend toward every budget, policy and rate window it falls under. */
export function countUsage(store: Store, request: LimitedRequest, spend: Spend): void {
  const s = subjects(request);
  for (const subject of present([s.apiKey, s.access, s.provider, s.workspace])) {
    addSpend(store, subject.limits.owner, subject.limits.budgets, spend);
    addToRateWindows(store, subject.limits.owner, subject.limits.rates, spend.tokens);
  }
  recordPolicyUsage(store, request.facts, spend);
  for (const item of ratePolicies(store, request.facts)) addToRateWindows(store, item.owner, [item.limit], spend.tokens);
}
