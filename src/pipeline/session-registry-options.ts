import type { IdleLogout } from '../session/admission.js';
import type { SessionRecord } from '../session/session-record.js';
import type { SessionStore, StoredCloseReason } from '../session/session-store.js';
import type { Clock } from '../time/clock.js';
import type { CoveragePort } from './coverage.js';
import type { ImLoginFailure } from './im-request.js';
import type { ServiceDeadlines } from './service-deadlines.js';
import type { ServiceFailures } from './service-failure.js';
import type { Tracer } from './trace.js';

/** What the session registry is built with: the BES clock, the store, coverage and this instance. */
export interface SessionRegistryOptions {
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly coverage: CoveragePort;
  /** This instance: it owns the sessions whose IM connection it holds. */
  readonly owner: string;
  readonly client: string;
  readonly backendHop: string;
  readonly deadlines: ServiceDeadlines;
  /** How often to look for closes begun elsewhere while waiting for one to finish. */
  readonly closePollMs: number;
  readonly tracer: Tracer;
  readonly failures: ServiceFailures;
}

/** What a login gets from the registry: the cached session, or why there is none. */
export type OpenedSession =
  | { readonly ok: true; readonly record: SessionRecord }
  | { readonly ok: false; readonly failure: ImLoginFailure };

/** Traces a session's record logged out of the cache, with why (and, for an idle logout, what made it idle). */
export function traceLoggedOut(
  tracer: Tracer,
  record: SessionRecord,
  reason: StoredCloseReason,
  why: IdleLogout['reason'] | undefined,
): void {
  if (tracer.on)
    tracer.emit({
      direction: 'request',
      action: 'logged-out',
      pin: record.pin,
      outcome: reason,
      ...(why === undefined ? {} : { reason: why }),
    });
}
