import type { FrameKind } from '../crypto/frame-kind.js';
import type { SessionRecord } from '../session/session-record.js';
import type { SessionStore } from '../session/session-store.js';
import type { Clock } from '../time/clock.js';
import type { DeviceMessage, DeviceMessageOf } from './device-message.js';
import type { ServiceDeadlines } from './service-deadlines.js';
import type { ServiceFailures } from './service-failure.js';
import { logoutReplyMessage, statusReplyMessage } from './service-replies.js';
import type { SessionRegistry } from './session-registry.js';
import type { Tracer } from './trace.js';

type StatusUpdateBody = DeviceMessageOf<typeof FrameKind.statusUpdate>;
type StatusReplyBody = DeviceMessageOf<typeof FrameKind.statusReply>;
type NoSession = { status: 'session-closed' | 'no-session'; reason?: string };

const loggedOut = (): DeviceMessage => logoutReplyMessage({ status: 'logged-out' });

export interface SessionRequestParts {
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly registry: SessionRegistry;
  readonly deadlines: ServiceDeadlines;
  readonly failures: ServiceFailures;
  readonly tracer: Tracer;
  /** This instance. */
  readonly owner: string;
}

/**
 * A device's requests on its open session: a status message (refreshes the session against the
 * idle and inactivity timeouts and reaches the IM server) and a logout.
 */
export function serviceSessionRequests(parts: SessionRequestParts): {
  status(pin: string, body: StatusUpdateBody): Promise<DeviceMessage>;
  logout(pin: string): Promise<DeviceMessage>;
} {
  const { clock, sessions, registry, deadlines, failures, tracer } = parts;

  /** What a device that has no session is told: why the BES closed its last one, if it did. */
  async function noSession(pin: string): Promise<NoSession> {
    const reason = await deadlines.store(sessions.takeNotice(pin), 'a notice');
    return reason === undefined ? { status: 'no-session' } : { status: 'session-closed', reason };
  }

  /** A session this instance does not hold open (its IM half is gone, or it is another's): closed. */
  const held = (record: { sessionId: string; owner: string }): boolean =>
    record.owner !== parts.owner || registry.isOpen(record.sessionId);

  async function relay(pin: string, body: StatusUpdateBody): Promise<StatusReplyBody> {
    const record = await deadlines.store(sessions.getByPin(pin), 'a session lookup');
    if (record === undefined) return noSession(pin);
    if (!held(record)) {
      await registry.close(record, 'server-closed');
      return noSession(pin);
    }
    const touched = await deadlines.store(sessions.touch(record.sessionId, clock.now()), 'a status');
    // While the store answered, the session may have been logged out as idle or closed by the server.
    if (touched === undefined) return noSession(pin);
    if (record.owner !== parts.owner) {
      // Another instance holds the IM connection: the status refreshes the session; only its owner could relay it.
      return { status: 'ok' };
    }
    if (!registry.isOpen(record.sessionId) || !(await registry.relayStatus(record, body.presence))) {
      await registry.close(record, 'server-closed');
      return noSession(pin);
    }
    if (tracer.on) tracer.emit({ direction: 'request', action: 'status-relayed', pin, outcome: body.presence });
    return { status: 'ok' };
  }

  return {
    // Not async: the reply, or a failure's status, becomes the device's message in one `.then` of the relay.
    status(pin, body) {
      return relay(pin, body).then(statusReplyMessage, (error: unknown) =>
        statusReplyMessage(failures.report(pin, error)),
      );
    },
    // Not async either: the lookup, the close and a failure are `.then`s of the store's answer.
    logout(pin) {
      let lookup: Promise<SessionRecord | undefined>;
      try {
        lookup = deadlines.store(sessions.getByPin(pin), 'a session lookup');
      } catch (error) {
        // A store whose call throws rather than rejects: its failure is the logout's answer all the same.
        lookup = Promise.reject(error);
      }
      const failed = (error: unknown): DeviceMessage => logoutReplyMessage(failures.report(pin, error));
      // Each way on ends in one `.then` that makes the device's message, or the failure's.
      return lookup.then((record) => {
        try {
          if (record === undefined) return noSession(pin).then(logoutReplyMessage, failed);
          return registry.close(record, 'logout').then(loggedOut, failed);
        } catch (error) {
          return failed(error);
        }
      }, failed);
    },
  };
}
