import nacl from 'tweetnacl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthType,
  decodeAuthData,
  decodeStream,
  type Login,
  type SametimeMessage,
} from '../../src/sametime/index.js';
import { bytesOf, flush, harness, login, PASSWORD, streams, USERS } from './harness.js';

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;
}

/** A login, a status, a keepalive, a logout, a wrong password and a server-side close. */
async function scenario(seed: number) {
  const h = harness({ seed });
  const ok = await login(h.adapter, 'alice', PASSWORD);
  if (!ok.ok) throw new Error('login failed');
  await ok.session.sendStatus('away');
  ok.session.sendKeepalive();
  await ok.session.close('logout');
  await login(h.adapter, 'alice', 'wrong');
  const bob = await login(h.adapter, 'bob', USERS.bob);
  if (bob.ok) h.server.closeSession(bob.session.connectionId);
  await flush();
  return h;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the 1533 link', () => {
  it('carries nothing but Sametime frames and keepalive bytes, both ways', async () => {
    const { captured } = await scenario(1);
    const perStream = streams(captured);
    expect(perStream.size).toBe(6); // three connections, two directions each
    const names: string[] = [];
    for (const [key, bytes] of perStream) {
      const messages = decodeStream(bytes);
      expect(messages.length).toBeGreaterThan(0);
      names.push(`${key}: ${messages.map((m: SametimeMessage) => m.type).join(',')}`);
    }
    expect(names).toEqual([
      'st.corp:1533#1 to-server: HANDSHAKE,LOGIN,SET_USER_STATUS,CHANNEL_DESTROY',
      'st.corp:1533#1 to-client: HANDSHAKE_ACK,LOGIN_ACK',
      'st.corp:1533#2 to-server: HANDSHAKE,LOGIN',
      'st.corp:1533#2 to-client: HANDSHAKE_ACK,CHANNEL_DESTROY',
      'st.corp:1533#3 to-server: HANDSHAKE,LOGIN',
      'st.corp:1533#3 to-client: HANDSHAKE_ACK,LOGIN_ACK,CHANNEL_DESTROY',
    ]);
  });

  it('never carries a password in the clear, and LOGIN uses the library auth type', async () => {
    const { captured } = await scenario(2);
    const all = bytesOf(captured);
    for (const password of [PASSWORD, USERS.bob, 'wrong']) {
      expect(contains(all, Buffer.from(password, 'utf8'))).toBe(false);
      expect(contains(all, Buffer.from(password, 'utf16le'))).toBe(false);
    }
    const logins = [...streams(captured).values()].flatMap((b) => decodeStream(b)).filter((m): m is Login => m.type === 'LOGIN');
    expect(logins).toHaveLength(3);
    for (const m of logins) {
      expect(m.authType).toBe(AuthType.x25519Box);
      const { clientKey, nonce } = decodeAuthData(m.authData);
      expect(clientKey).toHaveLength(32);
      expect(nonce).toHaveLength(24);
    }
    // Every LOGIN is sealed under its own nonce.
    const nonces = logins.map((m) => Buffer.from(decodeAuthData(m.authData).nonce).toString('hex'));
    expect(new Set(nonces).size).toBe(3);
  });

  it('keeps passwords out of every trace event, and marks the LOGIN as sealed', async () => {
    const { events } = await scenario(3);
    const text = JSON.stringify(events);
    for (const password of [PASSWORD, USERS.bob, 'wrong']) expect(text).not.toContain(password);
    const adapterEvents = events.filter((e) => e.hop === 'sametime-adapter');
    const serverEvents = events.filter((e) => e.hop === 'sametime-server');
    expect(adapterEvents.length).toBeGreaterThan(0);
    expect(serverEvents.length).toBeGreaterThan(0);
    expect(events.every((e) => e.port === 1533)).toBe(true);
    const sentLogins = adapterEvents.filter((e) => e.action === 'sent' && e.message === 'LOGIN');
    expect(sentLogins).toHaveLength(3);
    expect(sentLogins.every((e) => e.sealed === true && (e.bytes ?? 0) > 0)).toBe(true);
    expect(adapterEvents.filter((e) => e.action === 'sent' && e.message !== 'LOGIN').every((e) => e.sealed === false)).toBe(true);
    expect(adapterEvents.filter((e) => e.action === 'login-failed').map((e) => e.outcome)).toEqual(['authentication-failed:incorrect-login']);
    expect(adapterEvents.filter((e) => e.action === 'server-closed').map((e) => e.outcome)).toEqual(['success']);
  });

  it('runs X25519 once per peer key, however many logins', async () => {
    const before = vi.spyOn(nacl.box, 'before');
    const { adapter, server } = harness();
    for (let i = 0; i < 25; i++) {
      const r = await login(adapter, 'alice', i % 5 === 0 ? 'wrong' : PASSWORD);
      if (r.ok) await r.session.close('logout');
    }
    expect(adapter.keyAgreements).toBe(1);
    expect(server.keyAgreements).toBe(1);
    expect(before).toHaveBeenCalledTimes(2);
  });

  it('repeats byte for byte with the same seed, and differs with another', async () => {
    const a = bytesOf((await scenario(42)).captured);
    const b = bytesOf((await scenario(42)).captured);
    const c = bytesOf((await scenario(43)).captured);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    expect(a.length).toBe(c.length);
  });
});
