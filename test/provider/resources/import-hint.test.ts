/** A create that meets 409 AB07 says how to adopt the object; other errors pass through untouched. */
import { withImportHint } from "../../../src/provider/resources/conflict";

const apiError = (conflict: boolean) => Object.assign(new Error("Portkey API POST /integrations failed with HTTP 409 AB07: already exists."), { isConflict: () => conflict });

describe("withImportHint", () => {
  it("adds the import command with the resource's import id to a conflict", () => {
    const hinted = withImportHint(apiError(true), "vertex-prod") as Error;
    expect(hinted.message).toContain("409 AB07: already exists.");
    expect(hinted.message).toContain("terraform import <this resource's address> vertex-prod");
  });

  it("returns any other error as it was", () => {
    const other = apiError(false);
    expect(withImportHint(other, "vertex-prod")).toBe(other);
    const plain = new Error("boom");
    expect(withImportHint(plain, "x")).toBe(plain);
  });
});
