/**
 * A model's lifecycle on an evaluation date: current, superseded (a newer model of the family
 * exists), retiring (its retirement date is at most RETIRING_WINDOW_DAYS away) or retired (the
 * date has come: requests fail). The status is derived from dates rather than written down, so
 * a catalogue turns "retiring" into "retired" by itself when the calendar moves; the evaluation
 * date is a parameter everywhere, so tests pin it.
 */
import type { VertexModel } from "./model";

/**
 * How long before its retirement date a model counts as retiring: 90 days. Anthropic announces a
 * retirement at least 60 days ahead, so every announced date lands in the window on the day the
 * catalogue learns it, and a date announced further out still leaves a quarter (one planning
 * cycle) between the first warning and the day requests fail.
 */
export const RETIRING_WINDOW_DAYS = 90;

export type LifecycleStatus = "current" | "superseded" | "retiring" | "retired";

export interface Lifecycle {
  readonly status: LifecycleStatus;
  readonly retirementDate?: string;
  /** Whole days from the evaluation date to the retirement date (negative once retired). */
  readonly daysLeft?: number;
  /** The model to move to. */
  readonly replacement?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** A Date, or a YYYY-MM-DD string, as the UTC calendar day YYYY-MM-DD. */
export function isoDay(value: Date | string): string {
  if (typeof value !== "string") {
    if (Number.isNaN(value.getTime())) throw new RangeError("The evaluation date is not a valid date.");
    return value.toISOString().slice(0, 10);
  }
  if (!isIsoDate(value)) throw new RangeError(`The evaluation date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}.`);
  return value;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Requests fail from the retirement date on, so that day already counts as retired. */
export function lifecycleOf(model: VertexModel, asOf: string): Lifecycle {
  const replacement = model.supersededBy;
  if (model.retirementDate !== undefined) {
    const daysLeft = daysBetween(asOf, model.retirementDate);
    if (daysLeft <= 0) return { status: "retired", retirementDate: model.retirementDate, daysLeft, replacement };
    if (daysLeft <= RETIRING_WINDOW_DAYS) return { status: "retiring", retirementDate: model.retirementDate, daysLeft, replacement };
    return { status: replacement === undefined ? "current" : "superseded", retirementDate: model.retirementDate, daysLeft, replacement };
  }
  return replacement === undefined ? { status: "current" } : { status: "superseded", replacement };
}
