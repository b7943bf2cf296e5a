import { describe, expect, it } from 'vitest';
import {
  AuthType,
  bigintFromBytes,
  CLIENT_VERSION,
  encodeFrame,
  FrameDecoder,
  PasswordSealer,
  ReasonCode,
  SAMETIME_DH_PRIME,
  type SametimeLink,
  type SametimeMessage,
} from '../../src/sametime/index.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { flush, harness, PASSWORD } from './harness.js';

/** A hand-driven client: writes frames, records what the server answers. */
async function rawClient(link: SametimeLink) {
  const decoder = new FrameDecoder();
  const received: SametimeMessage[] = [];
  let closed = false;
  link.listen({ data: (b) => decoder.push(b, (m) => received.push(m)), closed: () => (closed = true) });
  return {
    received,
    get closed() {
      return closed;
    },
    send: async (m: SametimeMessage) => {
      link.write(encodeFrame(m));
      await flush();
    },
  };
}

function handshake(major = CLIENT_VERSION.major, minor = CLIENT_VERSION.minor): SametimeMessage {
  return {
    type: 'HANDSHAKE',
    channel: 0,
    major,
    minor,
    masterChannel: 0,
    serverAddress: 0,
    loginType: 0x1003,
    localAddress: 0x0a00_0001,
    extension: { marker: 0x100, reserved: 0, localHost: 'raw' },
  };
}

async function connected() {
  const h = harness();
  const link = await h.connector.connect('st.corp', 1533);
  return { ...h, link, client: await rawClient(link) };
}

function destroyReason(m: SametimeMessage | undefined): number | undefined {
  return m?.type === 'CHANNEL_DESTROY' ? m.reason : undefined;
}

describe('the simulated Sametime server, spoken to by hand', () => {
  it('echoes the client address and announces its 64-byte Diffie-Hellman key and a magic in HANDSHAKE_ACK', async () => {
    const { client, server } = await connected();
    await client.send(handshake());
    const ack = client.received[0];
    expect(ack).toMatchObject({ type: 'HANDSHAKE_ACK', major: 0x1e, minor: 0x1d, clientAddress: 0x0a00_0001 });
    expect(ack?.type === 'HANDSHAKE_ACK' && ack.keyExchange?.serverKey).toEqual(server.publicKey);
    expect(server.publicKey).toHaveLength(64);
    // g^x mod p: the key is a value of the protocol's group, below the prime.
    expect(bigintFromBytes(server.publicKey) < SAMETIME_DH_PRIME).toBe(true);
  });

  it('refuses an old protocol version', async () => {
    const { client, server } = await connected();
    await client.send(handshake(0x1e, 0x1c));
    expect(destroyReason(client.received[0])).toBe(ReasonCode.versionMismatch);
    expect(client.closed).toBe(true);
    expect(server.openConnectionCount).toBe(0);
  });

  it('refuses a plain-text password with encryption mismatch', async () => {
    const { client } = await connected();
    await client.send(handshake());
    await client.send({
      type: 'LOGIN',
      channel: 0,
      loginType: 0x1003,
      userId: 'alice',
      authData: new TextEncoder().encode(PASSWORD),
      authType: AuthType.plain,
    });
    expect(destroyReason(client.received[1])).toBe(ReasonCode.encryptionMismatch);
  });

  it('refuses a LOGIN replayed from another connection (its magic differs)', async () => {
    const { client, connector, server } = await connected();
    await client.send(handshake());
    const ack = client.received[0];
    if (ack?.type !== 'HANDSHAKE_ACK' || ack.keyExchange === undefined) throw new Error('no key exchange');
    const sealer = new PasswordSealer(createRandom('raw-client'));
    const loginMessage: SametimeMessage = {
      type: 'LOGIN',
      channel: 0,
      loginType: 0x1003,
      userId: 'alice',
      authType: AuthType.rc2_128,
      authData: sealer.sealDh(ack.keyExchange.serverKey, ack.keyExchange.magic, PASSWORD)!,
    };
    await client.send(loginMessage);
    expect(client.received[1]?.type).toBe('LOGIN_ACK');

    const other = await rawClient(await connector.connect('st.corp', 1533));
    await other.send(handshake());
    await other.send(loginMessage);
    expect(destroyReason(other.received[1])).toBe(ReasonCode.incorrectLogin);
    expect(server.openSessionCount).toBe(1);
  });

  it('keeps a session open through SENSE_SERVICE and message types it does not know', async () => {
    const { client, link, server } = await connected();
    await client.send(handshake());
    const ack = client.received[0];
    if (ack?.type !== 'HANDSHAKE_ACK' || ack.keyExchange === undefined) throw new Error('no key exchange');
    const sealer = new PasswordSealer(createRandom('raw-client'));
    await client.send({
      type: 'LOGIN',
      channel: 0,
      loginType: 0x1700,
      userId: 'alice',
      authType: AuthType.rc2_128,
      authData: sealer.sealDh(ack.keyExchange.serverKey, ack.keyExchange.magic, PASSWORD)!,
    });
    expect(client.received[1]?.type).toBe('LOGIN_ACK');
    await client.send({ type: 'SENSE_SERVICE', channel: 0, service: 0x1000 });
    link.write(Uint8Array.from(Buffer.from('0000000a' + '0077' + '0000' + '00000000' + 'beef', 'hex')));
    await flush();
    expect(server.openSessionCount).toBe(1);
    expect(client.closed).toBe(false);
    expect(client.received).toHaveLength(2);
  });

  it('drops a connection that sends bytes that are not Sametime', async () => {
    const { link, client, server } = await connected();
    link.write(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'));
    await flush();
    expect(destroyReason(client.received[0])).toBe(ReasonCode.generalFailure);
    expect(client.closed).toBe(true);
    expect(server.openConnectionCount).toBe(0);
  });

  it('forgets a connection the client abandons mid-login', async () => {
    const { link, client, server } = await connected();
    await client.send(handshake());
    expect(server.openConnectionCount).toBe(1);
    link.close();
    await flush();
    expect(server.openConnectionCount).toBe(0);
  });

  it('refuses connections to another host when it has a host name', async () => {
    const h = harness({ server: { host: 'st.corp' } });
    await expect(h.connector.connect('other.corp', 1533)).rejects.toMatchObject({ code: 'refused' });
    await expect(h.connector.connect('st.corp', 1533)).resolves.toMatchObject({
      id: expect.stringMatching(/^st\.corp:1533#\d+$/),
      open: true,
    });
  });

  it('rejects out-of-range options with a coded error', async () => {
    expect(() => harness({ capacity: -1 })).toThrow(expect.objectContaining({ code: 'bad-option' }));
    expect(() => harness({ adapter: { sessionLimit: 1.5 } })).toThrow(expect.objectContaining({ code: 'bad-option' }));
    expect(() => harness({ capacity: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});
