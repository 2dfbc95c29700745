import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createClient, type GenesysClient } from '../../src/genesys/client.js';
import { GcadoptError } from '../../src/errors.js';

const path = '/api/v2/authorization/divisions';

interface PageRequest {
  readonly pageNumber: number;
  readonly pageSize: number;
  /** How many times page 1 was asked for so far: the pass, from 1. */
  readonly pass: number;
}

type PageBody = Record<string, unknown>;

const division = (n: number) => ({ id: `d${n}`, name: `Division ${n}`, homeDivision: false });

/** Every division numbered in `ids`, paged the way the API pages. */
function pageOf(ids: number[], { pageNumber, pageSize }: PageRequest): PageBody {
  const entities = ids.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map(division);
  return { entities, total: ids.length, pageCount: Math.ceil(ids.length / pageSize) };
}

/**
 * A scripted listing API on 127.0.0.1: logs any client in and answers each
 * page with `answer`, once `hold` (if given) lets it go. Records the pages
 * asked for and the most in flight.
 */
async function startListing(
  answer: (request: PageRequest) => PageBody,
  delayMs = 0,
  hold?: (request: PageRequest) => Promise<void> | undefined,
): Promise<{ client: GenesysClient; asked: number[]; logs: string[]; maxInFlight: () => number }> {
  const asked: number[] = [];
  let pass = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const json = (body: unknown): void => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/oauth/token') {
      req.resume();
      json({ access_token: 'token', token_type: 'bearer', expires_in: 3600 });
      return;
    }
    const pageNumber = Number(url.searchParams.get('pageNumber'));
    const pageSize = Number(url.searchParams.get('pageSize'));
    if (pageNumber === 1) pass += 1;
    asked.push(pageNumber);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const request = { pageNumber, pageSize, pass };
    const body = answer(request);
    void (hold?.(request) ?? Promise.resolve()).then(() =>
      setTimeout(() => {
        inFlight -= 1;
        json(body);
      }, delayMs),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logs: string[] = [];
  const client = createClient({
    apiUrl: url,
    loginUrl: url,
    credentials: { kind: 'client', clientId: 'id', clientSecret: 'secret' },
    log: (line) => logs.push(line),
  });
  return { client, asked, logs, maxInFlight: () => maxInFlight };
}

const ids = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const names = (list: { id: string }[]): string[] => list.map((d) => d.id).sort();

describe('listing pages', () => {
  it('counts the pages from the total when the API leaves pageCount out', async () => {
    const api = await startListing((r) => {
      const { pageCount: _, ...page } = pageOf(ids(5), r);
      return page;
    });
    expect(names(await api.client.divisions.list({ pageSize: 2 }))).toEqual(
      ids(5).map((n) => `d${n}`),
    );
    // Page 1 is read once more at the end, to confirm the listing held still.
    expect(api.asked.sort()).toEqual([1, 1, 2, 3]);
  });

  it('takes the first page for all when the API sends neither total nor pageCount', async () => {
    const api = await startListing(() => ({ entities: [division(1), division(2)] }));
    expect(names(await api.client.divisions.list())).toEqual(['d1', 'd2']);
    expect(api.asked).toEqual([1]);
  });

  it('reads an empty listing from a page with nothing in it', async () => {
    const api = await startListing(() => ({}));
    expect(await api.client.divisions.list()).toEqual([]);
  });

  it('asks for at most `concurrency` pages at once', async () => {
    const api = await startListing((r) => pageOf(ids(10), r), 20);
    expect(await api.client.divisions.list({ pageSize: 1, concurrency: 2 })).toHaveLength(10);
    expect(api.maxInFlight()).toBe(2);
  });
});

describe('the confirming read of page 1', () => {
  it('goes out with the last wave of a long listing, not after it', async () => {
    let release = (): void => undefined;
    const reread = new Promise<void>((resolve) => (release = resolve));
    // The last page is answered only once page 1 has been asked for again: a
    // client that waited for it before re-reading would never finish.
    const api = await startListing(
      (r) => pageOf(ids(10), r),
      0,
      (r) => {
        if (r.pageNumber === 1 && r.pass === 2) release();
        return r.pageNumber === 10 ? reread : undefined;
      },
    );
    expect(await api.client.divisions.list({ pageSize: 1, concurrency: 2 })).toHaveLength(10);
    expect(api.asked.filter((p) => p === 1)).toHaveLength(2);
    expect(api.maxInFlight()).toBe(2);
  });

  it('still sees a swap on page 1 made while the earlier waves were read', async () => {
    // d2 deleted and d0 created (sorting first) once page 4 is asked for:
    // the total stays 6, pages 2 and 3 came from before, 4 to 6 from after.
    let changed = false;
    const api = await startListing((r) => {
      if (r.pageNumber === 4) changed = true;
      return pageOf(changed ? [0, 1, 3, 4, 5, 6] : ids(6), r);
    });
    const list = await api.client.divisions.list({ pageSize: 1, concurrency: 2 });
    expect(names(list)).toEqual(['d0', 'd1', 'd3', 'd4', 'd5', 'd6']);
    expect(api.logs).toContain(`paging: ${path} changed during pass 1; reading it again`);
  });
});

describe('a listing that changes while it is read', () => {
  it('is read again when the totals of its pages differ', async () => {
    const api = await startListing((r) =>
      pageOf(r.pass === 1 && r.pageNumber === 2 ? ids(6) : ids(5), r),
    );
    expect(names(await api.client.divisions.list({ pageSize: 2 }))).toHaveLength(5);
    expect(api.asked.filter((p) => p === 1)).toHaveLength(3);
    expect(api.logs).toContain(`paging: ${path} changed during pass 1; reading it again`);
  });

  it('is read again when an entity shifted onto the next page and shows twice', async () => {
    const api = await startListing((r) => {
      const page = pageOf(ids(4), r);
      // Pass 1: a deletion shifted d2 to page 2 after page 1 was read: d2 twice, d3 never.
      if (r.pass === 1 && r.pageNumber === 2)
        return { ...page, entities: [division(2), division(4)] };
      return page;
    });
    expect(names(await api.client.divisions.list({ pageSize: 2 }))).toEqual([
      'd1',
      'd2',
      'd3',
      'd4',
    ]);
    expect(api.asked.filter((p) => p === 1)).toHaveLength(3);
  });

  it('fails after three passes that all changed, using nothing', async () => {
    const api = await startListing((r) => pageOf(r.pageNumber === 2 ? ids(r.pass + 5) : ids(5), r));
    const error = await api.client.divisions.list({ pageSize: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GcadoptError);
    expect((error as GcadoptError).code).toBe('api');
    expect((error as GcadoptError).message).toBe(
      `the listing of ${path} kept changing while it was read (3 attempts); no partial result is used`,
    );
    expect((error as GcadoptError).hint).toMatch(/run again in a moment/);
    expect(api.asked.filter((p) => p === 1)).toHaveLength(3);
  });

  it('yields each division once across passes when iterated', async () => {
    const api = await startListing((r) =>
      pageOf(r.pass === 1 && r.pageNumber === 2 ? ids(6) : ids(5), r),
    );
    const seen: string[] = [];
    for await (const d of api.client.divisions.iterate({ pageSize: 2 })) seen.push(d.id);
    expect(seen.sort()).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
    expect(api.asked.filter((p) => p === 1)).toHaveLength(3);
  });

  it('stops iterating with the same error when it never settles', async () => {
    const api = await startListing((r) => pageOf(r.pageNumber === 2 ? ids(r.pass + 5) : ids(5), r));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const d of api.client.divisions.iterate({ pageSize: 2 })) seen.push(d.id);
    })().catch((e: unknown) => e);
    expect((error as GcadoptError).message).toMatch(
      /kept changing while it was read \(3 attempts\)/,
    );
    expect(new Set(seen).size).toBe(seen.length);
    expect(api.asked.filter((p) => p === 1)).toHaveLength(3);
  });
});
