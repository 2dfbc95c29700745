import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GcadoptError } from '../errors.js';
import { TokenIssuer } from './auth.js';
import type { DuplicateStatus } from './divisions.js';
import type { DuplicateAnswers } from './duplicates.js';
import { FaultInjector } from './faults.js';
import type { NameCompare } from './names.js';
import { createPersister, readDataFile, type Persister } from './persist.js';
import { RateLimiter } from './rate-limit.js';
import { parseSeed, type Seed } from './seed.js';
import {
  handleRequest,
  type HandledRequest,
  type HandlerState,
  type RequestLogEntry,
} from './server.js';
import { OrgStore } from './store.js';
import { FlowJobs } from './families/flow-jobs.js';

export { parseSeed, readSeedFile, type Seed } from './seed.js';
export type { HandledRequest, RequestLogEntry } from './server.js';
export type { DuplicateStatus } from './divisions.js';
export {
  duplicateKeys,
  parseDuplicateFlag,
  type DuplicateAnswer,
  type DuplicateAnswers,
  type DuplicateKey,
} from './duplicates.js';
export { nameCompareRules, type NameCompare } from './names.js';

/** How to run the emulator. */
export interface EmulatorOptions {
  /** The org to serve (seed format of design.md, parsed or raw). @default one Home division and one client */
  seed?: unknown;
  /** Persist the org in this file; an existing file wins over `seed`. @default none */
  dataFile?: string | undefined;
  /** Port on 127.0.0.1. @default 0 (a free one) */
  port?: number | undefined;
  /** Delay added to every response, in ms. @default 0 */
  latencyMs?: number | undefined;
  /** Share of API requests answered with 503, 429 or a dropped connection. @default 0 */
  faultRate?: number | undefined;
  /** Seed of the fault sequence. @default 1 */
  faultSeed?: number | undefined;
  /** Retry-After, in seconds, of injected 429s. @default 1 */
  faultRetryAfter?: number | undefined;
  /** Access-token lifetime in seconds. @default 86400 */
  tokenLifetime?: number | undefined;
  /** Status for a duplicate name: 409 general.conflict or 400 bad.request. @default 409 */
  duplicateStatus?: DuplicateStatus | undefined;
  /**
   * Status and code of a duplicate name per type, e.g.
   * `{ queues: { status: 400, code: 'general.conflict' } }`; merged over the
   * seed's `limits.duplicates`. A type left out answers with `duplicateStatus`.
   * @default the seed's
   */
  duplicates?: DuplicateAnswers | undefined;
  /** A soft-deleted skill's, language's or group's name still blocks a create; wins over the seed's `limits.deletedNamesBlock`. @default the seed's, else false */
  deletedNamesBlock?: boolean | undefined;
  /** Location names are unique only under one parent (unverified); wins over the seed's `limits.namesPerParent`. @default the seed's, else false */
  namesPerParent?: boolean | undefined;
  /** How names compare on create and rename; wins over the seed's `limits.nameCompare`. @default the seed's, else 'case-and-space-insensitive' */
  nameCompare?: NameCompare | undefined;
  /** Most entries `requests` keeps (the oldest go first). @default 10000 */
  requestLogLimit?: number | undefined;
  /** Clock, for tests. @default Date.now */
  now?: (() => number) | undefined;
  /** Called with each request as it is answered (before the response is sent): a hook for tests. */
  onRequest?: ((entry: RequestLogEntry) => void) | undefined;
  /**
   * Fault hook for tests: true closes the connection instead of answering, after
   * the request was carried out (and any change saved): a response lost on the way.
   * @default never
   */
  dropResponse?: ((request: HandledRequest) => boolean) | undefined;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL for both login and API, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The org's OAuth clients (id, secret, permissions). */
  readonly clients: Seed['clients'];
  /** Every request served, in order. */
  readonly requests: readonly RequestLogEntry[];
  /** The org itself, for tests to inspect or arrange. */
  readonly store: OrgStore;
  /** Makes every issued token expire now. */
  expireTokens(): void;
  /** Changes the fault rate from now on. */
  setFaultRate(rate: number): void;
  /** Stops serving, waits for pending writes. */
  close(): Promise<void>;
}

/** Starts an emulated Genesys Cloud org on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const overrides = {
    nameCompare: options.nameCompare,
    duplicates: options.duplicates,
    deletedNamesBlock: options.deletedNamesBlock,
    namesPerParent: options.namesPerParent,
  };
  const persisted =
    options.dataFile === undefined ? undefined : await readDataFile(options.dataFile, overrides);
  const seed = persisted ?? parseSeed(options.seed ?? {}, 'seed', overrides);
  let persister: Persister | undefined;
  // A change made outside a request (a test hook) is saved too; no one waits on it.
  const store: OrgStore = new OrgStore(seed, () => void persister?.commit());
  if (options.dataFile !== undefined) {
    persister = createPersister(options.dataFile, store);
    if (persisted === undefined) await persister.commit();
  }
  const issuer = new TokenIssuer(seed.clients, options.tokenLifetime ?? 86_400, now);
  const faults = new FaultInjector(options.faultRate ?? 0, options.faultSeed ?? 1);
  const state: HandlerState = {
    store,
    issuer,
    limiter: new RateLimiter(seed.limits.ratePerMinute, now),
    faults,
    duplicateStatus: options.duplicateStatus ?? 409,
    latencyMs: options.latencyMs ?? 0,
    faultRetryAfter: options.faultRetryAfter ?? 1,
    log: [],
    logLimit: options.requestLogLimit ?? 10_000,
    now,
    onRequest: options.onRequest,
    persist: persister === undefined ? undefined : () => persister.commit(),
    dropResponse: options.dropResponse,
    jobs: new FlowJobs(),
  };
  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      // A bug in the emulator: answer 500 rather than hang the client.
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ message: String(error), code: 'internal.server.error', status: 500 }),
      );
    });
  });
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clients: seed.clients,
    requests: state.log,
    store,
    expireTokens: () => issuer.expireAll(),
    setFaultRate: (rate) => {
      faults.rate = rate;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await persister?.flush();
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => {
      const why = error.code === 'EADDRINUSE' ? 'the port is already in use' : error.code;
      reject(
        new GcadoptError(
          'usage',
          `cannot listen on 127.0.0.1:${port}: ${why ?? error.message} (pick another port, or 0 for a free one)`,
          { cause: error },
        ),
      );
    };
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      resolve();
    });
  });
}
