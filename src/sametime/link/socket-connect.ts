import type { Socket } from 'node:net';
import type { Clock } from '../../time/clock.js';
import { SametimeConnectionError } from '../errors.js';
import type { ConnectRequest } from './sametime-link.js';

/** Connect errors that mean nothing listens there (the host answered). */
const REFUSED = new Set(['ECONNREFUSED']);

/** A socket being connected, and how to tell when it is ready and what to make of it then. */
export interface SocketConnect<L> {
  readonly socket: Socket;
  /** The event that says the connection is ready: `connect` for TCP, `secureConnect` for TLS. */
  readonly readyEvent: 'connect' | 'secureConnect';
  readonly host: string;
  readonly port: number;
  /** How errors name the connection: `connect` or `TLS connection`. */
  readonly what: string;
  readonly clock: Clock;
  /** Infinity: no timeout. */
  readonly connectTimeoutMs: number;
  readonly request: ConnectRequest | undefined;
  /** The link over the ready socket. */
  readonly link: (socket: Socket) => L;
}

/**
 * Settles a socket's connect once: the link when it is ready; `refused` or `unreachable` on an
 * error or after `connectTimeoutMs`; `aborted` when the login calls it off first (the socket is
 * destroyed then). Cancelling after the connect completed does nothing: the link is the login's.
 */
export function settleSocketConnect<L>(connect: SocketConnect<L>): Promise<L> {
  const { socket, readyEvent, host, port, what, clock, connectTimeoutMs, request } = connect;
  return new Promise((resolve, reject) => {
    let settled = false;
    let cancelTimer: (() => void) | undefined;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      cancelTimer?.();
      socket.off(readyEvent, onReady);
      socket.off('error', onError);
      return true;
    };
    const fail = (error: SametimeConnectionError): void => {
      if (!finish()) return;
      socket.destroy();
      reject(error);
    };
    const onReady = (): void => {
      if (finish()) resolve(connect.link(socket));
    };
    const onError = (error: NodeJS.ErrnoException): void => {
      const code = error.code ?? 'error';
      const kind = REFUSED.has(code) ? 'refused' : 'unreachable';
      fail(new SametimeConnectionError(kind, `the ${what} to ${host}:${port} failed: ${code}`));
    };
    socket.once(readyEvent, onReady);
    socket.once('error', onError);
    request?.onCancel(() =>
      fail(new SametimeConnectionError('aborted', `the connect to ${host}:${port} was abandoned`)),
    );
    if (connectTimeoutMs !== Number.POSITIVE_INFINITY) {
      const none = what === 'connect' ? 'connection' : what;
      cancelTimer = clock.timer(connectTimeoutMs, () =>
        fail(new SametimeConnectionError('unreachable', `no ${none} to ${host}:${port} within ${connectTimeoutMs} ms`)),
      );
    }
  });
}
