/**
 * Refresh of n workspace-access resources on one integration is one listing, not n (issue 17:
 * it was O(n²) in requests and bytes); a write from this process drops the shared listing.
 */
import type { IntegrationWorkspaces, PortkeyClient } from "../../../src/portkey";
import { sharedAccessListing, writingAccess } from "../../../src/provider/resources/access-listings";

function fakeClient() {
  const calls = { list: 0 };
  let next: () => Promise<IntegrationWorkspaces> = async () => ({ total: 0, workspaces: [] }) as unknown as IntegrationWorkspaces;
  const client = {
    integrations: {
      listWorkspaces: () => {
        calls.list++;
        return next();
      },
    },
  } as unknown as PortkeyClient;
  return { client, calls, failNext: (error: Error) => (next = async () => Promise.reject(error)), succeedNext: () => (next = async () => ({ total: 1, workspaces: [] }) as unknown as IntegrationWorkspaces) };
}

const signal = new AbortController().signal;

describe("one access listing per integration per provider process", () => {
  it("serves 50 concurrent reads of one integration with one request, and another integration with its own", async () => {
    const { client, calls } = fakeClient();
    await Promise.all(Array.from({ length: 50 }, () => sharedAccessListing(client, "vertex-global", signal)));
    expect(calls.list).toBe(1);
    await sharedAccessListing(client, "vertex-us-east5", signal);
    expect(calls.list).toBe(2);
  });

  it("fetches again after a write to that integration's access, so a read never shows stale access", async () => {
    const { client, calls } = fakeClient();
    await sharedAccessListing(client, "vertex-global", signal);
    await writingAccess(client, "vertex-global", async () => "granted");
    await sharedAccessListing(client, "vertex-global", signal);
    expect(calls.list).toBe(2);
  });

  it("does not keep a failed listing: the next read asks again", async () => {
    const { client, calls, failNext, succeedNext } = fakeClient();
    failNext(new Error("503"));
    await expect(sharedAccessListing(client, "vertex-global", signal)).rejects.toThrow("503");
    succeedNext();
    await expect(sharedAccessListing(client, "vertex-global", signal)).resolves.toMatchObject({ total: 1 });
    expect(calls.list).toBe(2);
  });

  it("keeps listings apart per client (one per provider configuration)", async () => {
    const a = fakeClient();
    const b = fakeClient();
    await sharedAccessListing(a.client, "vertex-global", signal);
    await sharedAccessListing(b.client, "vertex-global", signal);
    expect([a.calls.list, b.calls.list]).toEqual([1, 1]);
  });
});
