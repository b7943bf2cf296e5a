/** The five hops as stages: a recorder between every pair sees each message and reply pass, in order. */
import { describe, expect, it } from 'vitest';
import { decodeFrameHeader } from '../../src/crypto/frame-header.js';
import type { AirFrame, DeviceAnswer, DeviceRequest } from '../../src/pipeline/air-frame.js';
import { messageName } from '../../src/pipeline/device-message.js';
import type { ImReply, ImRequest } from '../../src/pipeline/im-request.js';
import { pipe, type SimpleFilter } from '../../src/pipeline/stage.js';
import { ReasonCode } from '../../src/sametime/wire/reason-code.js';
import { passwordOf, testBes } from './bes-fixture.js';

type Log = string[];

const frameName = (frame: AirFrame): string => messageName(decodeFrameHeader(frame.bytes).kind as never);

function recorder<Req, Rep>(
  log: Log,
  at: string,
  describeRequest: (r: Req) => string,
  describeReply: (r: Rep) => string,
): SimpleFilter<Req, Rep> {
  return async function record(request, next) {
    log.push(`${at} > ${describeRequest(request)}`);
    const reply = await next(request);
    log.push(`${at} < ${describeReply(reply)}`);
    return reply;
  };
}

const air = (log: Log, at: string) =>
  recorder<AirFrame, AirFrame | null>(log, at, frameName, (reply) => (reply === null ? 'nothing' : frameName(reply)));

function recordedBes(options: Parameters<typeof testBes>[0] = {}) {
  const log: Log = [];
  const front = recorder<DeviceRequest, DeviceAnswer>(
    log,
    'user',
    (request) => messageName(request.message.kind),
    (answer) =>
      answer.ok
        ? `${messageName(answer.message.kind)} ${(answer.message.body as { status: string }).status}`
        : answer.status,
  );
  const im = recorder<ImRequest, ImReply>(
    log,
    'im',
    (request) => request.kind,
    (reply) =>
      reply.kind === 'login'
        ? `login ${reply.ok ? 'ok' : 'failed'}`
        : reply.kind === 'status'
          ? `status ${reply.ok ? 'ok' : 'closed'}`
          : `close ${reply.wasOpen}`,
  );
  const t = testBes({
    ...options,
    compose: ({ device, router, dispatcher, collaborationService, backend }) =>
      pipe(
        front,
        device,
        air(log, 'air'),
        router,
        air(log, '3101'),
        dispatcher,
        air(log, '3200'),
        collaborationService,
        im,
        backend,
      ),
  });
  return { ...t, log };
}

const through = (name: string, reply: string, ...im: string[]): string[] => [
  `user > ${name}`,
  `air > ${name}`,
  `3101 > ${name}`,
  `3200 > ${name}`,
  ...im,
  `3200 < ${reply.split(' ')[0]!}`,
  `3101 < ${reply.split(' ')[0]!}`,
  `air < ${reply.split(' ')[0]!}`,
  `user < ${reply}`,
];

describe('five hops, one pipe', () => {
  it('passes a login, a status, a logout and a server-initiated close through a recorder between every pair of hops, in order', async () => {
    const { activate, log, bes, clock } = recordedBes();
    const device = activate(1, 'alice');

    expect(await device.login({ userId: 'alice', password: passwordOf('alice') })).toMatchObject({
      status: 'accepted',
    });
    expect(log.splice(0)).toEqual(through('login-request', 'login-reply accepted', 'im > login', 'im < login ok'));

    expect(await device.sendStatus('away')).toEqual({ status: 'ok' });
    expect(log.splice(0)).toEqual(through('status-update', 'status-reply ok', 'im > status', 'im < status ok'));

    expect(await device.logout()).toEqual({ status: 'logged-out' });
    expect(log.splice(0)).toEqual(through('logout', 'logout-reply logged-out', 'im > close', 'im < close true'));

    // Sametime closes the next session on its own: the close comes back through the event port,
    // not the pipe, and the device hears of it the next time it talks.
    await device.login({ userId: 'alice', password: passwordOf('alice') });
    log.length = 0;
    const [session] = bes.backend.server.sessions();
    bes.backend.server.closeSession(session!.connectionId, ReasonCode.generalFailure);
    await clock.runUntilIdle();
    expect(log).toEqual([]);
    expect(await device.sendStatus('busy')).toEqual({ status: 'session-closed', reason: 'server-closed' });
    expect(log.splice(0)).toEqual(through('status-update', 'status-reply session-closed'));
  });

  it('sends the logouts the service starts on its own through the stages behind it', async () => {
    const { activate, log, bes, clock } = recordedBes({
      config: { maxSessions: 1, idleTimeoutMs: 60_000, inactivityTimeoutMs: 120_000 },
    });
    const alice = activate(1, 'alice');
    const bob = activate(2, 'bob');
    await alice.login({ userId: 'alice', password: passwordOf('alice') });
    await alice.setCoverage(false);
    log.length = 0;
    // At the maximum, bob's login logs alice out as idle (out of coverage) before it opens his session.
    expect((await bob.login({ userId: 'bob', password: passwordOf('bob') })).status).toBe('accepted');
    expect(log.filter((line) => line.startsWith('im'))).toEqual([
      'im > close',
      'im < close true',
      'im > login',
      'im < login ok',
    ]);
    // The inactivity sweep, called with no device message under way, goes through them too.
    log.length = 0;
    await clock.advance(120_000);
    expect(await bes.collaborationService.closeInactive()).toBe(1);
    expect(log).toEqual(['im > close', 'im < close true']);
  });
});

describe('a device call that goes wrong', () => {
  it('rejects rather than throws, whether its own input or a pipe of your own is at fault', async () => {
    const broken = new Error('a pipe of your own that throws');
    const { activate } = testBes({
      compose: () => () => {
        throw broken;
      },
    });
    const device = activate(1);
    const login = device.login({ userId: 'alice', password: passwordOf('alice') });
    expect(login).toBeInstanceOf(Promise);
    await expect(login).rejects.toBe(broken);
    await expect(device.sendStatus('away')).rejects.toBe(broken);
    await expect(device.logout()).rejects.toBe(broken);
    const noCredentials = device.login(undefined as never);
    expect(noCredentials).toBeInstanceOf(Promise);
    await expect(noCredentials).rejects.toThrow(TypeError);
  });
});
