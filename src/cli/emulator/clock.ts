/**
 * The emulator's notion of "now". Budgets reset on calendar boundaries and rate limits count
 * over sliding windows, so tests inject a clock they can move instead of waiting a month.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
