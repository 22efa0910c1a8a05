/**
 * The one model catalogue every check uses (renderer, constructs, teams file, doctor, emulator):
 * the built-in list (vertex-models.ts), optionally overridden or extended by a catalogue file,
 * evaluated on one date. Immutable: `withOverrides` and `at` return a new catalogue.
 *
 *   const catalogue = ModelCatalogue.builtIn({ asOf: "2026-12-03" });
 *   catalogue.lifecycle("claude-sonnet-4-5@20250929"); // { status: "retired", retirementDate: "2026-11-30", … }
 */
import { isoDay, type Lifecycle, lifecycleOf } from "./lifecycle";
import type { ModelFamily, VertexModel } from "./model";
import { BUILT_IN_MODELS, DEFAULT_MODELS } from "./vertex-models";

export type { ModelFamily, VertexModel } from "./model";
export { MODEL_FAMILIES } from "./model";
export { DEFAULT_MODELS } from "./vertex-models";

/**
 * One model as a catalogue file states it: a known ID changes only the fields given (`null`
 * clears one), a new ID adds a model and must name its family.
 */
export interface ModelOverride {
  readonly id: string;
  readonly family?: ModelFamily;
  readonly name?: string;
  readonly regions?: readonly string[] | null;
  readonly regionNote?: string | null;
  readonly supersededBy?: string | null;
  readonly retirementDate?: string | null;
  readonly source?: string | null;
  readonly unconfirmed?: string | null;
}

function applyOverride(base: VertexModel | undefined, override: ModelOverride, origin: string): VertexModel {
  const family = override.family ?? base?.family;
  if (!family) throw new Error(`${origin}: model ${JSON.stringify(override.id)} is not in the catalogue, so it needs a family (opus, sonnet or haiku).`);
  const pick = <K extends keyof ModelOverride & keyof VertexModel>(key: K): VertexModel[K] | undefined => {
    const value = override[key];
    if (value === null) return undefined;
    return (value === undefined ? base?.[key] : value) as VertexModel[K] | undefined;
  };
  const model: Record<string, unknown> = {
    id: override.id,
    family,
    name: override.name ?? base?.name ?? override.id,
    regions: pick("regions"),
    regionNote: pick("regionNote"),
    supersededBy: pick("supersededBy"),
    retirementDate: pick("retirementDate"),
    source: override.source === undefined ? base?.source : (override.source ?? undefined),
    unconfirmed: pick("unconfirmed"),
  };
  for (const key of Object.keys(model)) if (model[key] === undefined) delete model[key];
  return model as unknown as VertexModel;
}

export class ModelCatalogue {
  /** The built-in list, evaluated on `asOf` (default: today, UTC). */
  static builtIn(options: { readonly asOf?: Date | string } = {}): ModelCatalogue {
    return new ModelCatalogue(BUILT_IN_MODELS, isoDay(options.asOf ?? new Date()), ["built-in"]);
  }

  private readonly byId: ReadonlyMap<string, VertexModel>;

  private constructor(
    readonly models: readonly VertexModel[],
    /** The evaluation date (YYYY-MM-DD, UTC) every lifecycle is computed for. */
    readonly asOf: string,
    /** Where the entries came from, in order: "built-in", then each catalogue file. */
    readonly sources: readonly string[],
  ) {
    this.byId = new Map(models.map((model) => [model.id, model]));
  }

  /** The same entries, evaluated on another date. */
  at(asOf: Date | string): ModelCatalogue {
    return new ModelCatalogue(this.models, isoDay(asOf), this.sources);
  }

  /** Overrides and additions (a catalogue file), applied in order; `origin` names them in messages. */
  withOverrides(overrides: readonly ModelOverride[], origin: string): ModelCatalogue {
    const models = [...this.models];
    for (const override of overrides) {
      const index = models.findIndex((model) => model.id === override.id);
      const merged = applyOverride(index >= 0 ? models[index] : undefined, override, origin);
      if (index >= 0) models[index] = merged;
      else models.push(merged);
    }
    return new ModelCatalogue(models, this.asOf, [...this.sources, origin]);
  }

  find(id: string): VertexModel | undefined {
    return this.byId.get(id);
  }

  lifecycle(id: string): Lifecycle | undefined {
    const model = this.byId.get(id);
    return model ? lifecycleOf(model, this.asOf) : undefined;
  }

  /** The newest model of each family (status current): what messages suggest, stable until the catalogue changes. */
  currentIds(): string[] {
    return this.models.filter((model) => lifecycleOf(model, this.asOf).status === "current").map((model) => model.id);
  }

  /** Every ID a team may still use (not retired on the evaluation date), in catalogue order. */
  usableIds(): string[] {
    return this.models.filter((model) => lifecycleOf(model, this.asOf).status !== "retired").map((model) => model.id);
  }

  /** The alias defaults (the three slots); a test keeps each of them current. */
  get defaults(): Readonly<Record<ModelFamily, string>> {
    return DEFAULT_MODELS;
  }
}

/** The built-in entries (every region the teams file may name comes from them). */
export const VERTEX_CLAUDE_MODELS: readonly VertexModel[] = BUILT_IN_MODELS;

/** A model of the built-in list, regardless of the date (region notes). */
export function findModel(id: string): VertexModel | undefined {
  return BUILT_IN_MODELS.find((model) => model.id === id);
}

/** `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5@20250929`: the Anthropic-API form of a Vertex ID. */
export function vertexFormOf(id: string): string | undefined {
  const dated = /^(claude-.+)-(\d{8})$/.exec(id);
  return dated ? `${dated[1]}@${dated[2]}` : undefined;
}

/** A well-formed Claude model ID, whether or not the catalogue knows it. */
export const CLAUDE_ID = /^claude-[a-z0-9.@-]+$/;

export interface ModelCheckOptions {
  /** Accept IDs that are not in the catalogue (newer than this release of the toolkit). */
  readonly allowUnknownModels?: boolean;
  /** @default ModelCatalogue.builtIn() (today) */
  readonly catalogue?: ModelCatalogue;
}

/**
 * Why `id` is not a usable Vertex ID (its form, or unknown to the catalogue), or undefined.
 * Lifecycle (retiring, retired) is lifecycleNotice's job. The message names the fix: the `@`
 * form, a catalogue ID, or the escape hatch.
 */
export function modelProblem(id: string, options: ModelCheckOptions = {}): string | undefined {
  const catalogue = options.catalogue ?? ModelCatalogue.builtIn();
  if (catalogue.find(id)) return undefined;
  const vertexForm = vertexFormOf(id);
  if (vertexForm) {
    return `"${id}" is the Anthropic API form; Vertex answers 404 for it. Use "${vertexForm}" (Vertex puts "@" before the date).`;
  }
  if (options.allowUnknownModels && CLAUDE_ID.test(id)) return undefined;
  return `"${id}" is not a known Vertex Claude model ID. Current: ${catalogue.currentIds().join(", ")} (older ones the catalogue lists work too). For a model newer than this catalogue set allowUnknownModels: true.`;
}
