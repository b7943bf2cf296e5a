import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/random/seeded-random.js';
import {
  AuthType,
  bytesFromBigint,
  decodeRc2AuthData,
  DhKeyPair,
  encodeFrame,
  expandRc2Key,
  rc2CbcDecrypt,
  SAMETIME_DH_PRIME,
  FrameDecoder,
  InProcessConnector,
  ReasonCode,
  SametimeAdapter,
  type SametimeLink,
  type SametimeMessage,
  type SametimeServerMessage,
} from '../../src/sametime/index.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import type { TraceEvent } from '../../src/pipeline/trace.js';
import type { ImEvent, ImEventPort } from '../../src/pipeline/im-request.js';
import { flush } from './harness.js';

const SERVER_KEY = new DhKeyPair(createRandom('scripted-server')).publicKey(64);

const ack: SametimeMessage = {
  type: 'HANDSHAKE_ACK',
  channel: 0,
  major: 0x1e,
  minor: 0x1d,
  clientAddress: 1,
  keyExchange: { magic: 7, serverKey: SERVER_KEY },
};
const loginAck: SametimeMessage = {
  type: 'LOGIN_ACK',
  channel: 0,
  reserved: 0,
  loginInfo: { loginId: 'scripted-1', loginType: 0x1003, userId: 'alice', userName: 'Alice', community: 'c' },
  privacy: { deny: false, users: [] },
  userStatus: { status: 0x20, time: 0, description: '' },
};

/** A peer that answers each client message with the next scripted reply (bytes written in one chunk). */
function scripted(
  replies: readonly (readonly SametimeMessage[])[],
  options: { observe?: (e: TraceEvent) => void; events?: ImEventPort } = {},
) {
  /** Raw frames written as soon as the connection is accepted, before any reply. */
  const preface: Uint8Array[] = [];
  const clock = new VirtualClock();
  let closedByClient = 0;
  const heard: SametimeMessage[] = [];
  const connector = new InProcessConnector({
    clock,
    acceptor: {
      accept(link: SametimeLink) {
        const decoder = new FrameDecoder();
        let turn = 0;
        for (const bytes of preface) link.write(bytes);
        link.listen({
          data: (bytes) =>
            decoder.push(bytes, (m) => {
              heard.push(m);
              const reply = replies[turn++];
              if (reply !== undefined) link.write(Buffer.concat(reply.map(encodeFrame)));
            }),
          closed: () => {
            closedByClient++;
            link.close();
          },
        });
      },
    },
  });
  const adapter = new SametimeAdapter({
    connector,
    clock,
    random: createRandom('scripted'),
    host: 'st',
    sessionLimit: 1,
    ...(options.observe === undefined ? {} : { observe: options.observe }),
    ...(options.events === undefined ? {} : { events: options.events }),
  });
  return { adapter, clock, heard, preface, closedByClient: () => closedByClient };
}

function login(adapter: SametimeAdapter) {
  return adapter.login({ userId: 'alice', password: 'pw', pin: 'p' });
}

describe('SametimeAdapter against a scripted peer', () => {
  it('does not follow LOGIN_REDIRECT: failed (redirected), connection closed', async () => {
    const s = scripted([[ack], [{ type: 'LOGIN_REDIRECT', channel: 0, host: 'st2', serverId: 'two' }]]);
    expect(await login(s.adapter)).toEqual({ ok: false, failure: { status: 'failed', reason: 'redirected' } });
    await flush();
    expect(s.closedByClient()).toBe(1);
    expect(s.clock.pending).toBe(0);
  });

  it('answers a HANDSHAKE_ACK without a 64-byte key with an RC2/40 LOGIN, as real clients do', async () => {
    for (const keyExchange of [undefined, { magic: 7, serverKey: new Uint8Array(63).fill(9) }]) {
      const old: SametimeMessage = {
        type: 'HANDSHAKE_ACK',
        channel: 0,
        major: 0x1e,
        minor: keyExchange === undefined ? 0x18 : 0x1d,
        clientAddress: 1,
        ...(keyExchange === undefined ? {} : { keyExchange }),
      };
      const s = scripted([[old], [loginAck]]);
      const result = await login(s.adapter);
      expect(result.ok).toBe(true);
      const sent = s.heard[1];
      expect(sent?.type === 'LOGIN' && sent.authType).toBe(AuthType.rc2_40);
      if (sent?.type !== 'LOGIN') throw new Error('no LOGIN');
      const { key, ciphertext } = decodeRc2AuthData(sent.authData);
      expect(new TextDecoder().decode(rc2CbcDecrypt(expandRc2Key(key), ciphertext))).toBe('pw');
    }
  });

  it('refuses a 64-byte server key that is not a usable Diffie-Hellman value, as a protocol error', async () => {
    for (const serverKey of [
      new Uint8Array(64),
      new Uint8Array(64).fill(0xff),
      bytesFromBigint(SAMETIME_DH_PRIME - 1n, 64),
    ]) {
      const s = scripted([[{ ...ack, keyExchange: { magic: 7, serverKey } }]]);
      expect(await login(s.adapter)).toEqual({ ok: false, failure: { status: 'failed', reason: 'protocol-error' } });
      expect(s.heard.map((m) => m.type)).toEqual(['HANDSHAKE']);
      await flush();
      expect(s.closedByClient()).toBe(1);
    }
  });

  it('treats a message out of order as a protocol error', async () => {
    const s = scripted([[loginAck]]);
    expect(await login(s.adapter)).toEqual({ ok: false, failure: { status: 'failed', reason: 'protocol-error' } });
  });

  it('hands frames that arrive with LOGIN_ACK over to the session', async () => {
    const destroy: SametimeMessage = {
      type: 'CHANNEL_DESTROY',
      channel: 0,
      reason: ReasonCode.loggedInElsewhere,
      data: new Uint8Array(0),
    };
    const s = scripted([[ack], [loginAck, destroy]]);
    const result = await login(s.adapter);
    if (!result.ok) throw new Error(result.failure.reason);
    expect(result.session.connectionId).toBe('scripted-1');
    const heard: number[] = [];
    result.session.onServerClose((code) => heard.push(code));
    expect(heard).toEqual([0x8000_0229]);
    expect(result.session.open).toBe(false);
  });

  it('skips and traces message types it does not know, before and after LOGIN_ACK, and hears ADMIN', async () => {
    // A type code no table lists, with an attribute block: framed, so a reader can step over it.
    const unknown = Uint8Array.from(
      Buffer.from('00000010' + '0077' + '8000' + '00000000' + '00000002' + 'abcd' + 'beef', 'hex'),
    );
    const sense = encodeFrame({ type: 'SENSE_SERVICE', channel: 0, service: 0x1000 });
    const admin: SametimeMessage = { type: 'ADMIN', channel: 0, text: 'maintenance tonight' };
    const events: TraceEvent[] = [];
    const reported: ImEvent[] = [];
    const s = scripted([[ack], [loginAck, admin]], { observe: (e) => events.push(e), events: (e) => reported.push(e) });
    s.preface.push(unknown, sense);
    const result = await login(s.adapter);
    if (!result.ok) throw new Error(result.failure.reason);
    const heard: SametimeServerMessage[] = [];
    result.session.onServerMessage((m) => heard.push(m));
    result.session.data(unknown);
    expect(result.session.open).toBe(true);
    expect(events.filter((e) => e.action === 'skipped').map((e) => e.outcome)).toEqual(['0x0077']);
    expect(events.filter((e) => e.action === 'received').map((e) => e.message)).toEqual([
      'unknown',
      'SENSE_SERVICE',
      'HANDSHAKE_ACK',
      'LOGIN_ACK',
      'ADMIN',
      'unknown',
    ]);
    // The ADMIN came in the same chunk as LOGIN_ACK: traced, and reported through the adapter's
    // events (it listens from LOGIN_ACK on); a listener added after the login hears later ones only.
    expect(events.filter((e) => e.action === 'server-message').map((e) => e.outcome)).toEqual(['admin']);
    expect(reported).toEqual([
      { kind: 'server-message', pin: 'p', connectionId: 'scripted-1', text: 'maintenance tonight' },
    ]);
    result.session.receive(admin, 0);
    expect(heard).toEqual([{ kind: 'admin', text: 'maintenance tonight' }]);
  });

  it('closes a session whose server turns to garbage, as a general failure', async () => {
    const s = scripted([[ack], [loginAck]]);
    const result = await login(s.adapter);
    if (!result.ok) throw new Error(result.failure.reason);
    const heard: number[] = [];
    result.session.onServerClose((code) => heard.push(code));
    // The scripted peer has no more replies; feed the session garbage through its own listener.
    result.session.data(new TextEncoder().encode('HTTP/1.1 500\r\n'));
    expect(heard).toEqual([ReasonCode.generalFailure]);
    await flush();
    expect(s.closedByClient()).toBe(1);
  });
});
