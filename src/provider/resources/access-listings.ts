/**
 * One workspace-access listing per integration per provider process. Portkey has no single-item
 * GET for integration access (fact sheet §3.5), so each `portkeyadmin_integration_workspace_access`
 * read fetched the integration's whole listing to keep one entry: n teams on one integration made
 * a refresh O(n²) in requests and bytes (50 teams: 50 copies of a 10 KB list). Reads now share
 * one listing (concurrent reads wait for the same request); any write to that integration's access
 * from this process drops it, so a read never returns what this process has since changed.
 * A provider process lives for one Terraform operation, so the listing is never older than that.
 */
import type { IntegrationWorkspaces, PortkeyClient } from "../../portkey";

const listings = new WeakMap<PortkeyClient, Map<string, Promise<IntegrationWorkspaces>>>();

function byIntegration(client: PortkeyClient): Map<string, Promise<IntegrationWorkspaces>> {
  let map = listings.get(client);
  if (!map) {
    map = new Map();
    listings.set(client, map);
  }
  return map;
}

/** The integration's access listing, fetched once per process; a failed fetch is not kept. */
export function sharedAccessListing(client: PortkeyClient, slug: string, signal: AbortSignal): Promise<IntegrationWorkspaces> {
  const map = byIntegration(client);
  const cached = map.get(slug);
  if (cached) return cached;
  const fetching = client.integrations.listWorkspaces(slug, { signal });
  map.set(slug, fetching);
  fetching.catch(() => {
    if (map.get(slug) === fetching) map.delete(slug);
  });
  return fetching;
}

/** Run a write to the integration's access; the shared listing is dropped before and after it. */
export async function writingAccess<T>(client: PortkeyClient, slug: string, write: () => Promise<T>): Promise<T> {
  const map = byIntegration(client);
  map.delete(slug);
  try {
    return await write();
  } finally {
    map.delete(slug);
  }
}
