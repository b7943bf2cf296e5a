import { FrameKind } from '../crypto/frame-kind.js';
import type { SessionStore } from '../session/session-store.js';
import type { Clock } from '../time/clock.js';
import type { DeviceMessageOf } from './device-message.js';
import type { ServiceFailures } from './service-failure.js';
import type { SessionRegistry } from './session-registry.js';
import type { Tracer } from './trace.js';

type StatusUpdateBody = DeviceMessageOf<typeof FrameKind.statusUpdate>;
type StatusReplyBody = DeviceMessageOf<typeof FrameKind.statusReply>;
type LogoutReplyBody = DeviceMessageOf<typeof FrameKind.logoutReply>;
type NoSession = { status: 'session-closed' | 'no-session'; reason?: string };

export interface SessionRequestParts {
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly registry: SessionRegistry;
  readonly failures: ServiceFailures;
  readonly tracer: Tracer;
}

/** What a device that has no session is told: why the BES closed its last one, if it did. */
function noSession(registry: SessionRegistry, pin: string): NoSession {
  const reason = registry.takeNotice(pin);
  return reason === undefined ? { status: 'no-session' } : { status: 'session-closed', reason };
}

/**
 * A device's requests on its open session: a status message (refreshes the session against the
 * idle and inactivity timeouts and reaches the IM server) and a logout.
 */
export function serviceSessionRequests(parts: SessionRequestParts): {
  status(pin: string, body: StatusUpdateBody): Promise<StatusReplyBody>;
  logout(pin: string): Promise<LogoutReplyBody>;
} {
  const { clock, sessions, registry, failures, tracer } = parts;

  async function relay(pin: string, body: StatusUpdateBody): Promise<StatusReplyBody> {
    const record = await sessions.getByPin(pin);
    if (record === undefined) return noSession(registry, pin);
    if (!registry.isOpen(record.sessionId)) {
      await registry.close(record, 'server-closed');
      return noSession(registry, pin);
    }
    const touched = await sessions.touch(record.sessionId, clock.now());
    // While the store answered, the session may have been logged out as idle or closed by the server.
    if (touched === undefined) return noSession(registry, pin);
    if (!registry.isOpen(record.sessionId) || !(await registry.relayStatus(record, body.presence))) {
      await registry.close(record, 'server-closed');
      return noSession(registry, pin);
    }
    if (tracer.on) tracer.emit({ direction: 'request', action: 'status-relayed', pin, outcome: body.presence });
    return { status: 'ok' };
  }

  return {
    async status(pin, body) {
      try {
        return await relay(pin, body);
      } catch (error) {
        return failures.report(pin, error);
      }
    },
    async logout(pin) {
      try {
        const record = await sessions.getByPin(pin);
        if (record === undefined) return noSession(registry, pin);
        await registry.close(record, 'logout');
        return { status: 'logged-out' };
      } catch (error) {
        return failures.report(pin, error);
      }
    },
  };
}
