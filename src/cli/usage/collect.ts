/**
 * What the `usage` command reports, read from the Admin API only (so it works the same against
 * the emulator and Portkey): per team (workspace) its budgets — the workspace's own limits and
 * its usage-limits policies with one counter per group_by value (a developer under a
 * per-developer budget) —, its rate limits, and its API keys with their status. The Admin API
 * does not count rate-limit hits; the report says so rather than show a zero.
 */
import type { PortkeyClient } from "../../portkey";

export interface Counter {
  /** The group_by value, e.g. `metadata._user:ana@example.com`. */
  readonly key: string;
  /** The developer, when the policy counts per `metadata._user`. */
  readonly developer: string | undefined;
  readonly usage: number;
  readonly status: string;
  readonly lastResetAt: string | null;
}

export interface Budget {
  readonly name: string;
  /**
   * `integration-access`: the team's budget on its access to an integration (the teams file's
   * `budget`); Portkey reports no running total for it, only whether the team's provider on that
   * integration is `exhausted` (then `exhausted` is true).
   */
  readonly source: "workspace" | "policy" | "integration-access";
  readonly exhausted?: boolean;
  readonly id: string | null;
  /** `cost` (USD) or `tokens`. */
  readonly type: string;
  /** Per counter (each developer gets the whole limit under a per-developer budget). */
  readonly limit: number | null;
  readonly alertThreshold: number | null;
  readonly periodicReset: string | null;
  readonly nextResetAt: string | null;
  readonly groupBy: readonly string[];
  readonly perDeveloper: boolean;
  readonly counters: readonly Counter[];
}

export interface RateLimit {
  readonly name: string;
  readonly id: string;
  readonly type: string;
  readonly unit: string;
  readonly value: number | null;
  readonly groupBy: readonly string[];
}

export interface KeyStatus {
  readonly name: string;
  readonly id: string;
  readonly status: string;
  readonly limit: number | null;
  readonly limitType: string | null;
}

export interface TeamUsage {
  readonly workspace: { readonly id: string; readonly slug: string | null; readonly name: string };
  readonly budgets: readonly Budget[];
  readonly rateLimits: readonly RateLimit[];
  readonly keys: readonly KeyStatus[];
}

export interface UsageReport {
  readonly generatedAt: string;
  readonly teams: readonly TeamUsage[];
  /** What the Admin API cannot tell, said once. */
  readonly notes: readonly string[];
}

const USER_KEY = "metadata._user";

/** `onProgress(done, total)` after each team, for the terminal's progress line. */
export async function collectUsage(client: PortkeyClient, options: { teams?: readonly string[]; now: Date; onProgress?: (done: number, total: number) => void }): Promise<UsageReport> {
  const all = await client.workspaces.list({});
  // Integration access budgets are listed per integration: read each listing once.
  const access = new Map<string, Array<{ integration: string; limits: UsageLimitsList }>>();
  for (const integration of await client.integrations.list()) {
    for (const grant of (await client.integrations.listWorkspaces(integration.slug)).workspaces) {
      if (!grant.enabled || (grant.usage_limits ?? []).length === 0) continue;
      access.set(grant.id, [...(access.get(grant.id) ?? []), { integration: integration.slug, limits: grant.usage_limits ?? [] }]);
    }
  }
  const wanted = options.teams && options.teams.length > 0 ? all.filter((ws) => options.teams?.some((t) => t === ws.name || t === ws.slug || t === ws.id)) : all;
  if (options.teams && options.teams.length > 0) {
    const missing = options.teams.filter((t) => !all.some((ws) => t === ws.name || t === ws.slug || t === ws.id));
    if (missing.length > 0) throw new Error(`--team ${missing.join(", ")}: no such workspace (name, slug or id). The workspaces are: ${all.map((ws) => ws.name).join(", ") || "none"}.`);
  }
  const teams: TeamUsage[] = [];
  for (const ws of wanted) {
    teams.push(await teamUsage(client, ws, [...(access.get(ws.id) ?? []), ...(ws.slug ? (access.get(ws.slug) ?? []) : [])]));
    options.onProgress?.(teams.length, wanted.length);
  }
  return {
    generatedAt: options.now.toISOString(),
    teams,
    notes: [
      "Rate-limit hits are not counted by Portkey's Admin API: the report lists each limit, not how often it refused a request.",
      "A team's budget on its integration access has no running total in the Admin API: the report says whether it is exhausted.",
    ],
  };
}

/** The limit fields a workspace, an integration access and a usage-limits policy share. */
interface LimitWire {
  readonly type?: string;
  readonly credit_limit?: number;
  readonly alert_threshold?: number;
  readonly periodic_reset?: string;
  readonly next_usage_reset_at?: string;
}

function limitFields(limits: LimitWire): Pick<Budget, "type" | "limit" | "alertThreshold" | "periodicReset" | "nextResetAt"> {
  return {
    type: limits.type ?? "cost",
    limit: limits.credit_limit ?? null,
    alertThreshold: limits.alert_threshold ?? null,
    periodicReset: limits.periodic_reset ?? null,
    nextResetAt: limits.next_usage_reset_at ?? null,
  };
}

type Workspace = Awaited<ReturnType<PortkeyClient["workspaces"]["list"]>>[number];
type UsageLimitsList = NonNullable<Workspace["usage_limits"]>;

async function teamUsage(client: PortkeyClient, ws: Workspace, grants: Array<{ integration: string; limits: UsageLimitsList }>): Promise<TeamUsage> {
  const [policies, rates, keys, providers] = await Promise.all([
    client.usageLimitsPolicies.list({ workspace_id: ws.id }),
    client.rateLimitsPolicies.list({ workspace_id: ws.id }),
    client.apiKeys.list({ workspace_id: ws.id }),
    grants.length > 0 ? client.providers.list(ws.id) : Promise.resolve([]),
  ]);
  const own = ws.usage_limits ?? [];
  const budgets: Budget[] = own.map((limits, index) => ({
    name: `workspace budget${own.length > 1 ? ` ${index + 1}` : ""}`,
    source: "workspace",
    id: null,
    ...limitFields(limits),
    groupBy: [],
    perDeveloper: false,
    counters: [],
  }));
  for (const grant of grants) {
    for (const limits of grant.limits) {
      budgets.push({
        name: `access to ${grant.integration}`,
        source: "integration-access",
        id: null,
        ...limitFields(limits),
        groupBy: [],
        perDeveloper: false,
        counters: [],
        exhausted: providers.some((p) => p.integration_id === grant.integration && p.status === "exhausted"),
      });
    }
  }
  const live = policies.filter((p) => p.status !== "archived");
  const entitiesOf = await Promise.all(live.map((policy) => client.usageLimitsPolicies.listEntities(policy.id)));
  for (const [index, policy] of live.entries()) {
    const groupBy = (policy.group_by ?? []).map((g) => g.key);
    const entities = entitiesOf[index];
    budgets.push({
      name: policy.name ?? policy.id,
      source: "policy",
      id: policy.id,
      ...limitFields(policy),
      groupBy,
      perDeveloper: groupBy.includes(USER_KEY),
      counters: entities.map((entity) => {
        const key = entity.value_key ?? entity.id;
        return {
          key,
          developer: key.startsWith(`${USER_KEY}:`) ? key.slice(USER_KEY.length + 1) : undefined,
          usage: entity.current_usage ?? 0,
          status: entity.status ?? "active",
          lastResetAt: entity.last_reset_at ?? null,
        };
      }),
    });
  }
  return {
    workspace: { id: ws.id, slug: ws.slug ?? null, name: ws.name },
    budgets,
    rateLimits: rates
      .filter((p) => p.status !== "archived")
      .map((p) => ({ name: p.name ?? p.id, id: p.id, type: p.type ?? "requests", unit: p.unit ?? "rpm", value: p.value ?? null, groupBy: (p.group_by ?? []).map((g) => g.key) })),
    keys: keys.map((key) => ({
      name: key.name ?? String(key.id),
      id: String(key.id),
      status: key.status ?? "active",
      limit: key.usage_limits?.credit_limit ?? null,
      limitType: key.usage_limits?.type ?? null,
    })),
  };
}
