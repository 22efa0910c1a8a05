/**
 * A request's metadata as Portkey sees it (fact sheet §9.3, §12): the `x-portkey-metadata`
 * header (a JSON object of strings; a header that does not parse is dropped), under the API
 * key's `defaults.metadata`, under the workspace's: on a clash workspace > API key > request.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { ApiKeyRecord, WorkspaceRecord } from "../state/records";

const strings = (value: unknown): Record<string, string> =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
    : {};

export function headerMetadata(headers: IncomingHttpHeaders): Record<string, string> {
  try {
    return strings(JSON.parse(String(headers["x-portkey-metadata"] ?? "{}")));
  } catch {
    return {};
  }
}

export function requestMetadata(headers: IncomingHttpHeaders, key: ApiKeyRecord, workspace: WorkspaceRecord | undefined): Record<string, string> {
  return { ...headerMetadata(headers), ...strings(key.defaults.metadata), ...strings(workspace?.defaults?.metadata) };
}
