/**
 * A team's non-secret summary, for a stack to output next to the (sensitive) settings: what to
 * tell the team and where to look in the Portkey dashboard. Values may be Terraform references.
 */
import type { PortkeyadminConfig } from "../l1/portkeyadmin/config";
import type { SettingsMode } from "../settings/render";
import type { BudgetProps, RateLimitProps } from "./props";
import type { ParsedTeamProps } from "./schema";

export interface TeamSummary {
  readonly team: string;
  readonly workspaceId: string;
  readonly mode: SettingsMode;
  /** The primary provider's slug (`@slug`), then one per further routing target. */
  readonly providerSlugs: readonly string[];
  readonly routing: "none" | "fallback" | "loadbalance";
  readonly configSlug?: string;
  readonly configId?: string;
  readonly models: { readonly opus: string; readonly sonnet: string; readonly haiku: string; readonly default: string };
  readonly budget?: BudgetProps;
  readonly perDeveloperBudget?: BudgetProps;
  readonly rateLimit?: RateLimitProps;
  readonly keys: readonly string[];
  /** Request metadata every request of the team carries; filter the Portkey logs by it. */
  readonly dashboardMetadata: Readonly<Record<string, string>>;
  /** The same, as text for the Portkey logs filter. */
  readonly dashboardFilter: string;
  readonly notes: readonly string[];
}

interface Resolved {
  readonly workspaceId: string;
  readonly providerSlugs: readonly string[];
  readonly config?: PortkeyadminConfig;
}

/** Drop undefined fields: Terraform outputs have no undefined. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

export function buildSummary(p: ParsedTeamProps, resolved: Resolved): TeamSummary {
  const models = { opus: p.models.opus, sonnet: p.models.sonnet, haiku: p.models.haiku, default: p.models.default };
  return defined({
    team: p.name,
    workspaceId: resolved.workspaceId,
    mode: p.settings.mode,
    providerSlugs: [...resolved.providerSlugs],
    routing: p.routing.strategy,
    configSlug: resolved.config?.slug,
    configId: resolved.config?.id,
    models,
    budget: p.budget && defined(p.budget),
    perDeveloperBudget: p.perDeveloperBudget && defined(p.perDeveloperBudget),
    rateLimit: p.rateLimit,
    keys: p.keys.map((key) => key.name),
    dashboardMetadata: { team: p.name },
    dashboardFilter: `metadata.team = ${p.name}`,
    notes: [
      "Enable every model listed here in Vertex AI Model Garden (per project and region): Terraform cannot, and Vertex answers 404 until it is enabled.",
      ...(p.settings.mode === "api-key-helper" ? ["Developers need gcloud, logged in as a member allowed to read the key secret (roles/secretmanager.secretAccessor)."] : []),
    ],
  });
}
