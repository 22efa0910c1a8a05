/**
 * Reading every page of a list endpoint. `current_page` is 0-based (OAS); stop on a short page,
 * when the running count reaches `total`, on an empty page, or when the server repeats a page
 * (a server that ignores paging must not loop us forever).
 */
import type * as z from "zod/v4";
import { listPage } from "./schemas/common";
import type { QueryValue, Transport } from "./transport";

export interface ListAllOptions<T> {
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly item: z.ZodType<T>;
  readonly pageSize: number;
  readonly signal?: AbortSignal;
  /** Names of the page-number and page-size parameters; `/admin/users` spells them in camelCase (§1.5). */
  readonly pageParams?: { readonly page: string; readonly size: string };
}

const MAX_PAGES = 10_000;

export async function listAllPages<T>(transport: Transport, options: ListAllOptions<T>): Promise<T[]> {
  const items: T[] = [];
  let previousPage: string | undefined;
  const { page: pageParam, size: sizeParam } = options.pageParams ?? { page: "current_page", size: "page_size" };
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await transport.send({
      method: "GET",
      path: options.path,
      query: { ...options.query, [pageParam]: page, [sizeParam]: options.pageSize },
      schema: listPage,
      signal: options.signal,
    });
    const fingerprint = JSON.stringify(body.data);
    if (body.data.length === 0 || fingerprint === previousPage) break;
    previousPage = fingerprint;
    body.data.forEach((raw, index) => {
      const parsed = options.item.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw transport.error({
          kind: "invalid-response",
          method: "GET",
          path: options.path,
          message: `Portkey API GET ${options.path} page ${page} item ${index} has an unexpected shape: ${issue?.path.join(".") || "(item)"}: ${issue?.message}.`,
        });
      }
      items.push(parsed.data);
    });
    if (body.data.length < options.pageSize) break;
    if (body.total !== undefined && items.length >= body.total) break;
  }
  return items;
}
