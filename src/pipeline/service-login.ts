import type { FrameKind } from '../crypto/frame-kind.js';
import type { PermissionStore } from '../session/permission-store.js';
import type { SessionStore } from '../session/session-store.js';
import { isSlot, type AdmissionSlots } from './admission-slots.js';
import type { CoveragePort } from './coverage.js';
import type { CoverageRecorder } from './coverage-recorder.js';
import type { DeviceMessage, DeviceMessageOf } from './device-message.js';
import type { ServiceDeadlines } from './service-deadlines.js';
import { loginReplyMessage } from './service-replies.js';
import type { ServiceFailures } from './service-failure.js';
import type { SessionRegistry } from './session-registry.js';
import type { Tracer } from './trace.js';

type LoginRequestBody = DeviceMessageOf<typeof FrameKind.loginRequest>;
type LoginReplyBody = DeviceMessageOf<typeof FrameKind.loginReply>;

export interface ServiceLoginParts {
  readonly sessions: SessionStore;
  readonly permissions: PermissionStore;
  readonly registry: SessionRegistry;
  readonly slots: AdmissionSlots;
  readonly coverage: CoveragePort;
  readonly coverageRecorder: CoverageRecorder;
  readonly deadlines: ServiceDeadlines;
  readonly failures: ServiceFailures;
  readonly tracer: Tracer;
  /** The collaboration client the backend serves. */
  readonly client: string;
}

/**
 * Steps 4-6 for one login request, in the seed's order: a device's earlier session is replaced;
 * the maximum number of sessions (admission, atomic in the store), and the idle sessions it logs
 * out closed before the new one opens; the user's permission; the IM server's answer; the session
 * cached in its slot. A slot taken is given back on every way out.
 */
export function serviceLogin(
  parts: ServiceLoginParts,
): (pin: string, body: LoginRequestBody) => Promise<DeviceMessage> {
  const { sessions, permissions, registry, slots, coverage, coverageRecorder, deadlines, failures, tracer, client } =
    parts;

  async function attempt(pin: string, body: LoginRequestBody): Promise<LoginReplyBody> {
    const { userId, password } = body;
    // Whatever ended the device's last session, it is starting over: that reason is no longer news.
    await deadlines.store(sessions.takeNotice(pin), 'a notice');
    const existing = await deadlines.store(sessions.getByPin(pin), 'a session lookup');
    if (existing !== undefined) await registry.close(existing, 'replaced');

    const admitted = await slots.admit(pin);
    if (!isSlot(admitted)) return admitted;
    try {
      // Room was made by logging idle sessions out: they leave the IM server before this one joins it.
      if (admitted.evicted.length > 0) await registry.closeEvicted(admitted.evicted);
      const permitted =
        body.client === client &&
        (await deadlines.permission(permissions.mayUse(userId, body.client), 'a permission check'));
      if (!permitted) {
        if (tracer.on)
          tracer.emit({ direction: 'request', action: 'permission-checked', pin, outcome: 'access-denied' });
        return { status: 'access-denied', reason: 'not-permitted' };
      }
      const opened = await registry.open({ pin, userId, password }, admitted);
      if (!opened.ok) {
        const { status, reason, reasonCode } = opened.failure;
        return reasonCode === undefined ? { status, reason } : { status, reason, reasonCode };
      }
      const { record } = opened;
      // Coverage changed while the record was on its way into the cache, too late for its write to find it.
      if (coverage.inCoverage(pin) !== record.inCoverage) await coverageRecorder.record(pin);
      if (tracer.on) tracer.emit({ direction: 'reply', action: 'cached', pin, outcome: record.sessionId });
      return { status: 'accepted', sessionId: record.sessionId };
    } finally {
      await admitted.release();
    }
  }

  const answered = (pin: string, reply: LoginReplyBody): DeviceMessage => {
    if (tracer.on)
      tracer.emit({
        direction: 'reply',
        action: reply.status === 'accepted' ? 'accepted' : 'rejected',
        pin,
        message: 'login-reply',
        outcome: reply.status,
      });
    return loginReplyMessage(reply);
  };
  // Not async: the reply, or the failure's, is traced and made the device's message in a `.then`
  // of the attempt, a promise less per login.
  return function login(pin, body) {
    return attempt(pin, body).then(
      (reply) => answered(pin, reply),
      (error: unknown) => answered(pin, failures.report(pin, error)),
    );
  };
}
