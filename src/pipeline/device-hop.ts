import type { AirFrame, DeviceAnswer, DeviceRequest } from './air-frame.js';
import type { CoveragePort } from './coverage.js';
import type { DeviceLinks } from './device-links.js';
import { messageName, replyKindOf } from './device-message.js';
import { PipelineError } from './pipeline-error.js';
import type { Filter } from './stage.js';
import type { Tracer } from './trace.js';

/** What the device hop needs: the devices' links, the Router's coverage, and its tracer. */
export interface DeviceHopOptions {
  /** The devices' ends of their sealed links (sending `uplink`), by PIN. */
  readonly links: DeviceLinks;
  /** Whether a device is in coverage: the Router's knowledge, read through its port. */
  readonly coverage: CoveragePort;
  /** The device hop's tracer (`device`). */
  readonly tracer: Tracer;
}

/** What the user's client sees when the device is out of coverage: nothing was sent. */
export const OUT_OF_COVERAGE: DeviceAnswer = Object.freeze({ ok: false, status: 'out-of-coverage' });
/** `OUT_OF_COVERAGE`, settled: what the device hop answers without sending anything. */
export const NOT_SENT: Promise<DeviceAnswer> = Promise.resolve(OUT_OF_COVERAGE);
/** What the user's client sees when no reply came back, or none that opened. */
export const NO_RESPONSE: DeviceAnswer = Object.freeze({ ok: false, status: 'no-response' });

/** What the device hop answers when no reply came back: traced as timed out, `no-response` to the user. */
export function noReply(tracer: Tracer, pin: string, kind: DeviceRequest['message']['kind']): DeviceAnswer {
  if (tracer.on)
    tracer.emit({ direction: 'reply', action: 'timed-out', pin, message: messageName(kind), outcome: 'no-response' });
  return NO_RESPONSE;
}

/**
 * The BlackBerry device (steps 1-2): compresses, then encrypts what the user's client sends under
 * the device transport key and puts it on the air; opens the reply the same way. Out of coverage it
 * sends nothing. A reply it cannot open, or of the wrong kind, is discarded (`no-response`).
 */
export function deviceHop(options: DeviceHopOptions): Filter<DeviceRequest, DeviceAnswer, AirFrame, AirFrame | null> {
  const { links, coverage, tracer } = options;
  // Not async: the reply is opened in a `.then` of the rest of the path, a promise less per message.
  return function device(request, next) {
    const { pin, message } = request;
    if (!coverage.inCoverage(pin)) {
      if (tracer.on)
        tracer.emit({
          direction: 'request',
          action: 'not-sent',
          pin,
          message: messageName(message.kind),
          outcome: 'out-of-coverage',
        });
      return NOT_SENT;
    }
    const bytes = links.seal(pin, message);
    if (tracer.on)
      tracer.emit({
        direction: 'request',
        action: 'sent',
        pin,
        message: messageName(message.kind),
        bytes: bytes.length,
        sealed: true,
        compressed: true,
      });
    return next({ pin, bytes }).then((reply) => {
      if (reply === null) return noReply(tracer, pin, message.kind);
      let opened = links.open(pin, reply.bytes);
      const expected = replyKindOf(message.kind);
      if (opened.ok && opened.message.kind !== expected) {
        const got = messageName(opened.message.kind);
        const error = new PipelineError(
          'malformed-message',
          `expected a ${expected === undefined ? 'reply' : messageName(expected)}, got a ${got}`,
          { hop: 'device' },
        );
        opened = { ok: false, error };
      }
      if (!opened.ok) {
        if (tracer.on)
          tracer.emit({
            direction: 'reply',
            action: 'discarded',
            pin,
            bytes: reply.bytes.length,
            sealed: true,
            outcome: opened.error.code,
          });
        return NO_RESPONSE;
      }
      if (tracer.on) {
        const status = (opened.message.body as { status?: string }).status;
        tracer.emit({
          direction: 'reply',
          action: 'opened',
          pin,
          message: messageName(opened.message.kind),
          bytes: reply.bytes.length,
          sealed: true,
          compressed: true,
          ...(status === undefined ? {} : { outcome: status }),
        });
      }
      return { ok: true, message: opened.message };
    });
  };
}
