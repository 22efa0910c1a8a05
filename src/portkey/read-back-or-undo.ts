/**
 * Every create reads the new object back. If that read fails for good (retries exhausted), the
 * caller never learns the object exists: Terraform records nothing, and the next apply creates
 * a twin (found by the convergence suite under 30% transient failures). So delete what was just
 * made, then report the read failure; the next apply starts clean.
 * Only for objects this call created, never for adopted ones (those may predate the call).
 */
import { PortkeyApiError } from "./errors";
import type { Transport } from "./transport";

export async function readBackOrUndo<T>(transport: Transport, what: string, read: () => Promise<T>, undo: () => Promise<void>, relocate?: () => Promise<T | undefined>): Promise<T> {
  try {
    return await read();
  } catch (readError) {
    // A definite 404 for the id the create just answered: the answer was garbled (a wrong id, a
    // number for a UUID), not the object gone. It exists under its real id: find it by natural
    // key rather than undo a delete that cannot hit it and leave it behind (fault-class suite).
    if (relocate !== undefined && readError instanceof PortkeyApiError && readError.isNotFound()) {
      const found = await relocate();
      if (found !== undefined) {
        transport.log("warn", "portkey create answered an id that does not exist; the new object was found by its natural key", { what });
        return found;
      }
    }
    let note: string;
    try {
      // No caller signal: an interrupted apply should still not leave the object behind.
      await undo();
      note = `; the new ${what} was deleted again so that the next apply does not create a duplicate`;
    } catch {
      note = `; the new ${what} could not be deleted either: it exists in Portkey but not in Terraform state (import or delete it before re-applying)`;
    }
    transport.log("warn", "portkey create could not read the new object back", { what, undone: note.includes("deleted again") });
    if (!(readError instanceof PortkeyApiError)) throw readError;
    throw transport.amend(readError, note);
  }
}

/**
 * An object adopted after an unanswered create cannot be undone (it may predate the call), so a
 * read of it that fails for good gets one more full round of retries; if that fails too, the
 * error says the object exists, so the operator imports it instead of re-applying into a twin.
 */
export async function readBackAdopted<T>(transport: Transport, what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (firstError) {
    if (!(firstError instanceof PortkeyApiError) || !firstError.isRetryable()) throw firstError;
    transport.log("warn", "portkey could not read an adopted object back; trying once more", { what });
    try {
      return await read();
    } catch (readError) {
      if (!(readError instanceof PortkeyApiError)) throw readError;
      throw transport.amend(readError, `; ${what} exists in Portkey (adopted after a create went unanswered) but not in Terraform state: import it, or delete it, before re-applying`);
    }
  }
}
