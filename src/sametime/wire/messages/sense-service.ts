import type { MessageBase } from '../header.js';
import type { WireReader } from '../wire-reader.js';
import type { WireWriter } from '../wire-writer.js';

/**
 * Either way on a live session: a client asks whether the server runs a service (awareness, IM,
 * ...); the server answers with the same message when it does.
 */
export interface SenseService extends MessageBase {
  /** Which message this is. */
  readonly type: 'SENSE_SERVICE';
  /** The u32 service id. */
  readonly service: number;
}

export function writeSenseService(w: WireWriter, m: SenseService): void {
  w.u32(m.service);
}

export function readSenseService(r: WireReader, channel: number): SenseService {
  return { type: 'SENSE_SERVICE', channel, service: r.u32() };
}
