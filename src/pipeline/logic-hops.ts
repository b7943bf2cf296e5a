import type { DeviceAnswer, DeviceRequest } from './air-frame.js';
import type { CoveragePort } from './coverage.js';
import { NOT_SENT, noReply } from './device-hop.js';
import { messageName, replyKindOf, type DeviceMessage } from './device-message.js';
import { NOTHING_CAME_BACK, type Filter, type SimpleFilter } from './stage.js';
import type { Tracer } from './trace.js';

/**
 * The hops of `fidelity: 'logic'`: the device and the Router with their coverage rules, handing the
 * device message on as it is. Nothing is compressed, sealed or framed, so the Dispatcher and the
 * sealed link have nothing left to do and the pipe runs straight into the Collaboration Service.
 * Traces say `sealed: false` and carry no byte counts.
 */
export interface LogicHopOptions {
  /** Whether a device is in coverage: the Router's knowledge, read through its port. */
  readonly coverage: CoveragePort;
  readonly tracer: Tracer;
}

/**
 * The device without its radio bytes: out of coverage it sends nothing; a reply of the wrong kind,
 * or none, is `no-response`, as the wire device hop answers.
 */
export function logicDeviceHop(
  options: LogicHopOptions,
): Filter<DeviceRequest, DeviceAnswer, DeviceRequest, DeviceMessage | null> {
  const { coverage, tracer } = options;
  // Not async, as the wire device hop is not: the reply is read in a `.then` of the rest of the path.
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
    if (tracer.on)
      tracer.emit({ direction: 'request', action: 'sent', pin, message: messageName(message.kind), sealed: false });
    return next(request).then((reply) => {
      if (reply === null || reply.kind !== replyKindOf(message.kind)) return noReply(tracer, pin, message.kind);
      if (tracer.on) {
        const status = (reply.body as { status?: string }).status;
        tracer.emit({
          direction: 'reply',
          action: 'opened',
          pin,
          message: messageName(reply.kind),
          sealed: false,
          ...(status === undefined ? {} : { outcome: status }),
        });
      }
      return { ok: true, message: reply };
    });
  };
}

/**
 * The Router without frames: a message from, or a reply for, a device out of coverage is lost,
 * as the wire Router loses the frame.
 */
export function logicRouterHop(
  options: LogicHopOptions & { readonly port: number },
): SimpleFilter<DeviceRequest, DeviceMessage | null> {
  const { coverage, tracer, port } = options;
  // Not async, as the wire Router is not.
  return function router(request, next) {
    const { pin } = request;
    if (!coverage.inCoverage(pin)) {
      if (tracer.on)
        tracer.emit({ direction: 'request', action: 'dropped', pin, port, sealed: false, outcome: 'out-of-coverage' });
      return NOTHING_CAME_BACK;
    }
    if (tracer.on) tracer.emit({ direction: 'request', action: 'relayed', pin, port, sealed: false });
    return next(request).then((reply) => {
      if (reply === null) return null;
      if (!coverage.inCoverage(pin)) {
        if (tracer.on)
          tracer.emit({ direction: 'reply', action: 'dropped', pin, port, sealed: false, outcome: 'out-of-coverage' });
        return null;
      }
      if (tracer.on) tracer.emit({ direction: 'reply', action: 'relayed', pin, port, sealed: false });
      return reply;
    });
  };
}
