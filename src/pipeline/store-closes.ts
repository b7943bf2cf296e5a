import type { SessionRecord } from '../session/session-record.js';
import type { SessionStore, StoredCloseReason } from '../session/session-store.js';
import type { Clock } from '../time/clock.js';
import type { ServiceDeadlines } from './service-deadlines.js';
import type { ServiceFailures } from './service-failure.js';

export interface StoreClosesOptions {
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly deadlines: ServiceDeadlines;
  readonly failures: ServiceFailures;
  /** How often to look again while waiting for another instance to end a close. */
  readonly closePollMs: number;
}

/**
 * A close's steps in the Configuration Database, each under the store deadline: begin it (the
 * slot still counted), end it (the slot free), or take a record out however far it got. A step
 * the store does not confirm is remembered and done again at the next message, so a store that
 * fails leaves no slot held for ever once it is back.
 */
/** A close the store confirmed ended: nothing more to do. */
const ended = (): void => undefined;

export class StoreCloses {
  readonly #o: StoreClosesOptions;
  /** Sessions whose close the store has not confirmed ended. */
  readonly #unfinished = new Set<string>();

  constructor(options: StoreClosesOptions) {
    this.#o = options;
  }

  get unfinished(): number {
    return this.#unfinished.size;
  }

  /**
   * Begins the close. If the store fails, it looks again: a close that is under way began before
   * the failure (a lost acknowledgement), and the close goes on; otherwise (or if the store cannot
   * say) nothing changed, and the failure propagates. Undefined: nothing to close (gone, or closing).
   */
  begin(record: SessionRecord, reason: StoredCloseReason): Promise<SessionRecord | undefined> {
    const { sessions, deadlines, failures } = this.#o;
    let beginning: Promise<SessionRecord | undefined>;
    try {
      beginning = sessions.beginClose(record.sessionId, reason);
    } catch (error) {
      // A store whose call throws rather than rejects: looked into the same way.
      beginning = Promise.reject(error);
    }
    // Not async: the store's failure is looked into in a `.catch`, a promise less per close.
    return deadlines.store(beginning, 'the start of a close').catch(async (error: unknown) => {
      const begun = await deadlines.store(sessions.isClosing(record.sessionId), 'a look at a close').catch(() => false);
      if (!begun) throw error;
      failures.report(record.pin, error);
      return record;
    });
  }

  /**
   * Ends the close: its slot is free. If the store does not confirm, it is ended at the next
   * message. `afterwards` runs once the store has answered either way, in the same step.
   */
  finish(record: SessionRecord, afterwards: () => void = ended): Promise<void> {
    let finishing: Promise<void>;
    try {
      finishing = this.#o.sessions.finishClose(record.sessionId);
    } catch (error) {
      finishing = Promise.reject(error);
    }
    return this.#o.deadlines.store(finishing, 'the end of a close').then(afterwards, (error: unknown) => {
      this.#unfinished.add(record.sessionId);
      this.#o.failures.report(record.pin, error);
      afterwards();
    });
  }

  /** Takes a record out however far it got (session, closing, or nowhere); a failure is left to the next message. */
  async forget(record: SessionRecord): Promise<void> {
    try {
      await this.#o.deadlines.store(this.#o.sessions.remove(record.sessionId), 'the removal of a session');
    } catch (error) {
      this.#unfinished.add(record.sessionId);
      this.#o.failures.report(record.pin, error);
    }
  }

  /** Ends what the store did not confirm. A failure is reported; it is tried again later. */
  async retryUnfinished(): Promise<void> {
    for (const sessionId of [...this.#unfinished]) {
      try {
        await this.#o.deadlines.store(this.#o.sessions.remove(sessionId), 'the end of a close');
        this.#unfinished.delete(sessionId);
      } catch (error) {
        this.#o.failures.report(undefined, error);
      }
    }
  }

  /** Waits until another instance has ended the close, or `backendTimeoutMs` has passed on the clock. */
  async waitEndedElsewhere(record: SessionRecord): Promise<void> {
    const { clock, sessions, deadlines, closePollMs } = this.#o;
    if (sessions.untilClosed !== undefined) {
      let cancel = (): void => {};
      const gaveUp = new Promise<void>((resolve) => (cancel = clock.timer(deadlines.backendTimeoutMs, resolve)));
      await Promise.race([sessions.untilClosed(record.sessionId), gaveUp]);
      cancel();
      return;
    }
    const giveUpAt = clock.now() + deadlines.backendTimeoutMs;
    while (await deadlines.store(sessions.isClosing(record.sessionId), 'a look at a close')) {
      if (clock.now() >= giveUpAt) return;
      await clock.sleep(Math.min(closePollMs, giveUpAt - clock.now()));
    }
  }
}
