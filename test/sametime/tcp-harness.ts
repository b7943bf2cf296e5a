import { createServer, type Server, type Socket } from 'node:net';
import type { TraceEvent } from '../../src/pipeline/trace.js';
import { createRandom } from '../../src/random/seeded-random.js';
import {
  SametimeAdapter,
  SametimeServer,
  TcpConnector,
  type SametimeAdapterOptions,
  type SametimeListener,
  type SametimeListenOptions,
  type SametimeServerOptions,
} from '../../src/sametime/index.js';
import { SystemClock } from '../../src/time/system-clock.js';
import { USERS } from './harness.js';

/** A simulated server on the system clock, listening on a free loopback port. */
export async function listeningServer(
  options: { server?: Partial<SametimeServerOptions>; listen?: SametimeListenOptions } = {},
) {
  const clock = new SystemClock();
  const events: TraceEvent[] = [];
  const server = new SametimeServer({
    clock,
    random: createRandom('tcp-server'),
    capacity: 100,
    users: USERS,
    observe: (e) => events.push(e),
    ...options.server,
  });
  const listener = await server.listen({ port: 0, lingerMs: 200, ...options.listen });
  return { clock, server, listener, events };
}

/** An adapter with a TCP connector on the system clock, aimed at `port` on loopback. */
export function tcpAdapter(port: number, options: Partial<SametimeAdapterOptions> = {}) {
  const clock = new SystemClock();
  return new SametimeAdapter({
    connector: new TcpConnector({ clock, lingerMs: 200 }),
    clock,
    random: createRandom('tcp-adapter'),
    host: '127.0.0.1',
    port,
    sessionLimit: 100,
    loginTimeoutMs: 3_000,
    ...options,
  });
}

/** A TCP peer of our own that does what `onSocket` says; it records its sockets to check none is left. */
export async function rawPeer(
  onSocket: (socket: Socket) => void,
): Promise<{ port: number; sockets: Set<Socket>; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const net: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  await new Promise<void>((resolve) => net.listen(0, '127.0.0.1', resolve));
  const address = net.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    port: address.port,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        net.close(() => resolve());
      }),
  };
}

/** Resolves once `condition` holds, polling every 10 ms for at most `ms`. */
export async function eventually(condition: () => boolean, ms = 3_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Closes the listener and waits for every socket to be gone. */
export async function stop(listener: SametimeListener): Promise<void> {
  await listener.close();
}
