import type { SessionRecord } from '../session/session-record.js';
import type { SessionStore } from '../session/session-store.js';
import { StoreError, type StoreErrorCode } from '../session/store-error.js';
import { withStore, type StoreFactory } from './contract-case.js';
import { expect, fail } from './contract-expect.js';
import type { ContractCaseBody, ContractTestApi } from './contract-test-api.js';

/** Optional behaviour a session store may declare; the cases that need it are skipped otherwise. */
export interface SessionStoreCapabilities {
  /**
   * `insert` and `touch` reject a time that is not finite (NaN, Infinity) with
   * `StoreError('bad-time')`. Optional: the interface leaves times to the caller, who takes them
   * from a clock.
   */
  readonly rejectsNonFiniteTimes?: boolean | undefined;
  /**
   * Out-of-coverage candidates come oldest status first too. Optional: the interface only puts
   * them before the others, and the service logs every one of them out anyway.
   */
  readonly ordersOutOfCoverageByStatus?: boolean | undefined;
  /** The store implements `watchCloses` and calls the owner's listener when a close begins elsewhere. */
  readonly watchesCloses?: boolean | undefined;
  /** The store implements `untilClosed`. */
  readonly waitsForCloses?: boolean | undefined;
}

export interface SessionStoreContractOptions extends StoreFactory<SessionStore> {
  /** Names the suite: `<name>: SessionStore contract`. */
  readonly name: string;
  /**
   * Several handles on one fresh, empty database, as several BES instances would hold them (for
   * SQL stores: separate connections). Enables the multi-instance section; `dispose` is called for
   * each handle. For an in-memory store, the same store `count` times.
   */
  readonly createShared?: ((count: number) => Promise<readonly SessionStore[]>) | undefined;
  /** What the store supports; the suite skips the cases for what it does not, each with its reason. */
  readonly capabilities?: SessionStoreCapabilities | undefined;
  /**
   * Waits a moment for something another connection makes happen (a close notified across a
   * network), between checks that it has. Default: one turn of the event loop, which is all an
   * in-process store needs. A store on a real database passes a short real-time wait.
   */
  readonly pause?: (() => Promise<void>) | undefined;
  /** The runner to register the cases with: `{ describe, it }` from vitest, Jest or `node:test`. */
  readonly test: ContractTestApi;
}

/** What each group of cases gets: the runner, a way to run a body against a fresh store, and the capabilities. */
export interface SessionStoreCases {
  readonly test: ContractTestApi;
  readonly run: (body: (store: SessionStore) => Promise<void>) => ContractCaseBody;
  /** Runs a body against `count` handles on one database; undefined when the store gives no `createShared`. */
  readonly runShared:
    | ((count: number, body: (stores: readonly SessionStore[]) => Promise<void>) => ContractCaseBody)
    | undefined;
  readonly capabilities: SessionStoreCapabilities;
  /** Waits a moment between checks for what another connection makes happen. */
  readonly pause: () => Promise<void>;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function sessionStoreCases(options: SessionStoreContractOptions): SessionStoreCases {
  const { createShared, dispose } = options;
  return {
    test: options.test,
    run: (body) => withStore<SessionStore, []>(options, [], body),
    runShared:
      createShared === undefined
        ? undefined
        : (count, body) => async () => {
            const stores = await createShared(count);
            try {
              await body(stores);
            } finally {
              for (const store of new Set(stores)) await dispose?.(store);
            }
          },
    capabilities: options.capabilities ?? {},
    pause: options.pause ?? nextTurn,
  };
}

/** Awaits a call that must reject with a `StoreError` of `code`; the call must not throw synchronously. */
export async function expectStoreError(call: () => Promise<unknown>, code: StoreErrorCode): Promise<void> {
  let pending: Promise<unknown>;
  try {
    pending = call();
  } catch (error) {
    fail(`the store threw synchronously instead of rejecting: ${String(error)}`);
  }
  const error = await pending.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, `expected a rejection with StoreError('${code}')`).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
}

/** Checks the order `idleCandidates` promises: out of coverage first, then oldest status first; no repeats. */
export function expectIdleOrder(found: readonly SessionRecord[], outOfCoverageByStatus: boolean): void {
  expect(new Set(found.map((r) => r.sessionId)).size, 'no session twice').toBe(found.length);
  let inCoverageSeen = false;
  let lastAway = Number.NEGATIVE_INFINITY;
  let lastInCoverage = Number.NEGATIVE_INFINITY;
  for (const record of found) {
    if (!record.inCoverage) {
      expect(
        inCoverageSeen,
        `${record.sessionId} is out of coverage, so it comes before every session in coverage`,
      ).toBe(false);
      if (outOfCoverageByStatus) expect(record.lastStatusAt).toBeGreaterThanOrEqual(lastAway);
      lastAway = record.lastStatusAt;
    } else {
      inCoverageSeen = true;
      expect(record.lastStatusAt, `${record.sessionId} is in status order`).toBeGreaterThanOrEqual(lastInCoverage);
      lastInCoverage = record.lastStatusAt;
    }
  }
}

export function ids(records: readonly SessionRecord[]): string[] {
  return records.map((record) => record.sessionId);
}
