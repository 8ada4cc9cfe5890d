import { RingsideError } from '../../../src-shared/ipc/result';
import { ContinueExpiredError, SERVICE } from './kubeErrors';
import { KubeRolloutList } from './kubeSchemas';

export interface PagedList {
  /** the raw items, each still to be read on its own */
  items: unknown[];
  /** true when a continue token expired (410) and the list was read again from the start */
  restarted: boolean;
}

export interface PagerOptions {
  pageSize?: number;
  maxPages?: number;
}

/**
 * Lists a collection as client-go's pager does: pages of `limit` followed by `continue` tokens, and
 * when a token has expired (410 Gone, reason Expired) one fresh list of the whole collection
 * without a limit, so every item is read once and from one consistent snapshot.
 */
export async function listAllPages(
  get: (query: string) => Promise<unknown>,
  what: string,
  options: PagerOptions = {},
): Promise<PagedList> {
  const pageSize = options.pageSize ?? 250;
  const maxPages = options.maxPages ?? 40;
  const parse = (answer: unknown) => {
    const parsed = KubeRolloutList.safeParse(answer);
    if (!parsed.success) throw new RingsideError('bad_response', `${SERVICE} answered ${what} with something that is not a list.`);
    return parsed.data;
  };
  const items: unknown[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const query = new URLSearchParams({ limit: String(pageSize), ...(token ? { continue: token } : {}) });
    let list;
    try {
      list = parse(await get(query.toString()));
    } catch (error) {
      if (!(error instanceof ContinueExpiredError) || !token) throw error;
      return { items: parse(await get('')).items ?? [], restarted: true };
    }
    items.push(...(list.items ?? []));
    token = list.metadata?.continue || undefined;
    if (!token) return { items, restarted: false };
  }
  throw new RingsideError('bad_response', `${what} holds more than ${pageSize * maxPages} items; Ringside reads at most that many.`);
}
