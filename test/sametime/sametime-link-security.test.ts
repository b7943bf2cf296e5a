import { describe, expect, it } from 'vitest';
import {
  AuthType,
  decodeDhAuthData,
  decodeRc2AuthData,
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

  it('never carries a password in the clear; LOGIN uses DH-RC2/128, bound to each connection', async () => {
    const { captured, adapter } = await scenario(2);
    const all = bytesOf(captured);
    for (const password of [PASSWORD, USERS.bob, 'wrong']) {
      expect(contains(all, Buffer.from(password, 'utf8'))).toBe(false);
      expect(contains(all, Buffer.from(password, 'utf16le'))).toBe(false);
    }
    const logins = [...streams(captured).values()]
      .flatMap((b) => decodeStream(b))
      .filter((m): m is Login => m.type === 'LOGIN');
    expect(logins).toHaveLength(3);
    for (const m of logins) {
      expect(m.authType).toBe(AuthType.rc2_128);
      const { clientKey, ciphertext } = decodeDhAuthData(m.authData);
      // One key pair for every login: the adapter's public value, minimal big-endian.
      expect(Buffer.from(clientKey)).toEqual(Buffer.from(adapter.publicKey));
      expect(clientKey.length).toBeLessThanOrEqual(64);
      expect(ciphertext.length % 8).toBe(0);
    }
    // alice's two logins carry the same password under the same key, yet differ: the magic differs.
    const [first, second] = logins.map((m) => Buffer.from(decodeDhAuthData(m.authData).ciphertext).toString('hex'));
    expect(first).not.toBe(second);
  });

  it('falls back to RC2/40 when the server offers no Diffie-Hellman key, as real clients do', async () => {
    const h = harness({ server: { authTypes: [AuthType.rc2_40] } });
    const ok = await login(h.adapter, 'alice', PASSWORD);
    expect(ok.ok).toBe(true);
    expect(await login(h.adapter, 'alice', 'wrong')).toMatchObject({
      ok: false,
      failure: { reason: 'incorrect-login' },
    });
    const messages = [...streams(h.captured).values()].flatMap((b) => decodeStream(b));
    const acks = messages.filter((m) => m.type === 'HANDSHAKE_ACK');
    expect(acks.map((m) => m.type === 'HANDSHAKE_ACK' && m.keyExchange?.serverKey.length)).toEqual([0, 0]);
    const logins = messages.filter((m): m is Login => m.type === 'LOGIN');
    expect(logins.map((m) => m.authType)).toEqual([AuthType.rc2_40, AuthType.rc2_40]);
    const keys = logins.map((m) => Buffer.from(decodeRc2AuthData(m.authData).key).toString('hex'));
    expect(keys.map((k) => k.length)).toEqual([10, 10]);
    expect(keys[0]).not.toBe(keys[1]); // 5 fresh key bytes per login
    expect(contains(bytesOf(h.captured), Buffer.from(PASSWORD))).toBe(false);
    expect(h.adapter.keyAgreements).toBe(0);
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
    expect(
      adapterEvents.filter((e) => e.action === 'sent' && e.message !== 'LOGIN').every((e) => e.sealed === false),
    ).toBe(true);
    expect(adapterEvents.filter((e) => e.action === 'login-failed').map((e) => e.outcome)).toEqual([
      'authentication-failed:incorrect-login',
    ]);
    expect(adapterEvents.filter((e) => e.action === 'server-closed').map((e) => e.outcome)).toEqual(['success']);
  });

  it('runs one Diffie-Hellman key agreement per peer key, however many logins', async () => {
    const { adapter, server } = harness();
    for (let i = 0; i < 25; i++) {
      const r = await login(adapter, 'alice', i % 5 === 0 ? 'wrong' : PASSWORD);
      expect(r.ok).toBe(i % 5 !== 0);
      if (r.ok) await r.session.close('logout');
    }
    expect(adapter.keyAgreements).toBe(1);
    expect(server.keyAgreements).toBe(1);
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
