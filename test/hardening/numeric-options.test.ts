import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  CollaborationService,
  ConfigError,
  DeflateCompressor,
  InMemoryPermissionStore,
  InMemorySessionStore,
  parseBesConfig,
  RadioCoverage,
  VirtualClock,
  createRandom,
  dispatcherHop,
  routerHop,
  runScenario,
  runSweep,
  sealedLinkHop,
  DeviceLinks,
  tracer,
} from '../../src/index.js';
import {
  FrameDecoder,
  InProcessConnector,
  PcapRecorder,
  SametimeAdapter,
  SametimeServer,
  TcpLink,
  createLinkPair,
  decodeFrame,
  decodeStream,
} from '../../src/sametime/index.js';

/** The values no numeric option takes. */
const NOT_NUMBERS = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 1.5, 1e300];

/** What `build` throws: a typed error (ConfigError, or the Sametime wing's or the clock's) whose message names the option. */
function refusal(build: () => unknown): { name: string; code: string; message: string } | undefined {
  try {
    build();
  } catch (error) {
    const { name, code, message } = error as { name: string; code: string; message: string };
    return { name, code, message };
  }
  return undefined;
}

const ERROR_OF = { core: 'ConfigError', sametime: 'SametimeConfigError', clock: 'ClockError' } as const;

function expectRefused(option: string, build: () => unknown, wing: keyof typeof ERROR_OF): void {
  const error = refusal(build);
  expect(error, `${option}: accepted`).toBeDefined();
  expect(error!.name).toBe(ERROR_OF[wing]);
  expect(error!.message).toContain(option);
}

const clock = new VirtualClock();
const random = createRandom(1);
const noTrace = tracer(undefined, clock, 'router');

describe('every numeric option of a public constructor is validated', () => {
  it('FrameDecoder, decodeStream and decodeFrame refuse a maxFrameLength that is not a whole number in range (NaN once allocated 2 GiB)', () => {
    for (const value of [...NOT_NUMBERS, 0, 2 ** 32]) {
      expectRefused('maxFrameLength', () => new FrameDecoder({ maxFrameLength: value }), 'sametime');
      expectRefused(
        'maxFrameLength',
        () => decodeStream(Uint8Array.of(0, 0, 0, 2, 0, 0), { maxFrameLength: value }),
        'sametime',
      );
      expectRefused('maxFrameLength', () => decodeFrame(Uint8Array.of(0, 0, 0, 0), value), 'sametime');
    }
    // The NaN case: a 6-byte push now never gets as far as a buffer.
    const decoder = new FrameDecoder({ maxFrameLength: 1024 });
    expect(() => decoder.push(Uint8Array.of(0x7f, 0xff, 0xff, 0xff, 0, 0), () => {})).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
    expect(decoder.capacity).toBe(0);
  });

  it('the Sametime server, adapter, links, connector and capture refuse ports, lengths and times out of range', () => {
    const server = (o: object) => new SametimeServer({ clock, random, capacity: 1, ...o });
    const adapter = (o: object) =>
      new SametimeAdapter({ clock, random, host: 'h', sessionLimit: 1, connector: server({}).connector(), ...o });
    for (const value of [Number.NaN, 0, 65_536, 1e300]) {
      expectRefused('port', () => server({ port: value }), 'sametime');
      expectRefused('port', () => adapter({ port: value }), 'sametime');
      expectRefused('serverPort', () => new PcapRecorder({ clock, serverPort: value }), 'sametime');
    }
    for (const value of [...NOT_NUMBERS, 2 ** 32]) {
      expectRefused('maxFrameLength', () => server({ maxFrameLength: value }), 'sametime');
      expectRefused('maxFrameLength', () => adapter({ maxFrameLength: value }), 'sametime');
      expectRefused('localAddress', () => adapter({ localAddress: value }), 'sametime');
    }
    for (const value of [Number.NaN, -1, 65_536])
      expectRefused('loginType', () => adapter({ loginType: value }), 'sametime');
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, -1, 1e300]) {
      expectRefused('latencyMs', () => createLinkPair({ id: 'pair', clock, latencyMs: value }), 'sametime');
      expectRefused(
        'latencyMs',
        () => new InProcessConnector({ clock, acceptor: { accept: () => {} }, latencyMs: value }),
        'sametime',
      );
      expectRefused('latencyMs', () => server({ latencyMs: value }), 'sametime');
    }
    const socket = new Socket();
    try {
      for (const value of [Number.NaN, -1, 1.5]) {
        expectRefused(
          'lingerMs',
          () => new TcpLink({ socket, sends: 'to-server', clock, lingerMs: value }),
          'sametime',
        );
        expectRefused(
          'maxBufferedBytes',
          () => new TcpLink({ socket, sends: 'to-server', clock, maxBufferedBytes: value }),
          'sametime',
        );
      }
    } finally {
      socket.destroy();
    }
  });

  it('the core hops, the compressor, the virtual clock and runScenario refuse theirs with a ConfigError', async () => {
    const links = new DeviceLinks('downlink', 'dispatcher');
    for (const value of [Number.NaN, 0, 65_536, 1.5]) {
      expectRefused(
        'port',
        () => routerHop({ coverage: new RadioCoverage(noTrace), tracer: noTrace, port: value }),
        'core',
      );
      expectRefused('srpPort', () => dispatcherHop({ tracer: noTrace, srpPort: value }), 'core');
      expectRefused('port', () => sealedLinkHop({ links, tracer: noTrace, port: value }), 'core');
    }
    for (const value of [Number.NaN, 0, 10, 1.5])
      expectRefused('level', () => new DeflateCompressor({ level: value }), 'core');
    for (const value of [Number.NaN, 8, 16])
      expectRefused('windowBits', () => new DeflateCompressor({ windowBits: value }), 'core');
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, -1])
      expectRefused('start', () => new VirtualClock({ start: value }), 'clock');
    for (const value of [Number.NaN, 0, 1.5])
      expectRefused('loopLimit', () => new VirtualClock({ loopLimit: value }), 'core');
    for (const value of [Number.NaN, 0, 1.5, 1e9]) {
      const run = runScenario({ name: 'n', seed: 1, users: { count: 1 }, hours: 1 }, { timelineSlices: value });
      await expect(run).rejects.toThrow(ConfigError);
      await expect(run).rejects.toThrow('timelineSlices');
    }
    expect(() => new DeflateCompressor({ memLevel: 0 })).toThrow(ConfigError);
    for (const value of [Number.NaN, 0, 1.5, 1e9]) {
      // Refused before any thread starts, as a bad sweep rather than a failed point.
      await expect(
        runSweep({ hours: 1, users: { count: 1 } }, { maxSessions: [1] }, { workers: 1, timelineSlices: value }),
      ).rejects.toMatchObject({
        code: 'invalid-sweep',
        message: expect.stringContaining('timelineSlices'),
      });
    }
  });

  it('a CollaborationService built by hand checks its config and the backend session limit, as createBes does', () => {
    const service = (config: object, sessionLimit = 10) =>
      new CollaborationService({
        clock,
        config: { ...parseBesConfig({}), ...config },
        instanceId: 'bes-1',
        sessions: new InMemorySessionStore(),
        permissions: new InMemoryPermissionStore(),
        coverage: new RadioCoverage(noTrace),
        backend: { client: 'sametime', hop: 'sametime-adapter', sessionLimit },
        tracer: noTrace,
        backendTracer: noTrace,
      });
    for (const value of [Number.NaN, 0, -1, 1.5, Number.POSITIVE_INFINITY]) {
      expectRefused('config.storeTimeoutMs', () => service({ storeTimeoutMs: value }), 'core');
      expectRefused('config.backendTimeoutMs', () => service({ backendTimeoutMs: value }), 'core');
      expectRefused('config.closePollMs', () => service({ closePollMs: value }), 'core');
    }
    for (const value of [Number.NaN, -1, 1.5]) expectRefused('sessionLimit', () => service({}, value), 'core');
    expect(() => service({}, Number.POSITIVE_INFINITY)).not.toThrow();
  });
});
