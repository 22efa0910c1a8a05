/**
 * Optional persistence: the whole state as one JSON file, rewritten atomically (temp file +
 * rename) after every change, mode 0600 because it holds secrets the gateway must verify after
 * a restart (API-key secrets, integration credentials). It is a local emulator's file, never a
 * place for real credentials.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { emulatorState, type EmulatorState } from "./state/records";

export class StateFileError extends Error {}

export function loadState(file: string): EmulatorState | undefined {
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new StateFileError(`state file ${file} is not valid JSON (${(error as Error).message}); fix or delete it.`);
  }
  const result = emulatorState.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new StateFileError(`state file ${file} does not hold emulator state (${first.path.join(".")}: ${first.message}); delete it to start empty.`);
  }
  return result.data;
}

export function saveState(file: string, state: EmulatorState): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state, null, 2), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
