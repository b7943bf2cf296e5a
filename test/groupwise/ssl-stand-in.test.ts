import { describe, expect, it } from 'vitest';
import { SslStandInLink, STAND_IN_HELLO_BYTES } from '../../src/groupwise/link/ssl-stand-in.js';
import { StandInKeyPair } from '../../src/groupwise/link/stand-in-key.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { createLinkPair } from '../../src/sametime/link/in-process-link.js';
import type { LinkDirection } from '../../src/sametime/link/sametime-link.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { flush } from '../support/users.js';

function pair(seed: string, onWire?: (direction: LinkDirection, bytes: Uint8Array) => void) {
  const raw = createLinkPair({
    id: 'gw#1',
    clock: new VirtualClock(),
    ...(onWire === undefined ? {} : { capture: onWire }),
  });
  const random = createRandom(seed);
  const client = new SslStandInLink(
    raw.client,
    'client',
    new StandInKeyPair(random.fork('client-key')),
    random.fork('client'),
  );
  const server = new SslStandInLink(
    raw.server,
    'server',
    new StandInKeyPair(random.fork('server-key')),
    random.fork('server'),
  );
  const heard = { client: [] as string[], server: [] as string[], serverClosed: 0, clientClosed: 0 };
  client.listen({ data: (b) => heard.client.push(Buffer.from(b).toString()), closed: () => heard.clientClosed++ });
  server.listen({ data: (b) => heard.server.push(Buffer.from(b).toString()), closed: () => heard.serverClosed++ });
  return { raw, client, server, heard };
}

describe('the SSL stand-in', () => {
  it('carries bytes both ways under a key agreed at connection set-up, and shows only ciphertext on the wire', async () => {
    const wire: Buffer[] = [];
    const { client, server, heard } = pair('a', (_d, bytes) => wire.push(Buffer.from(bytes)));
    client.write(Buffer.from('POST /login HTTP/1.0\r\n')); // queued until the server's hello
    await flush();
    server.write(Buffer.from('HTTP/1.0 200 OK\r\n'));
    await flush();
    expect(heard.server).toEqual(['POST /login HTTP/1.0\r\n']);
    expect(heard.client).toEqual(['HTTP/1.0 200 OK\r\n']);
    expect(wire[0]).toHaveLength(STAND_IN_HELLO_BYTES);
    expect(Buffer.concat(wire).includes('POST')).toBe(false);
    expect(Buffer.concat(wire).includes('HTTP')).toBe(false);
  });

  it('is deterministic: the same seed gives the same bytes, another seed others', async () => {
    const run = async (seed: string) => {
      const wire: Buffer[] = [];
      const { client } = pair(seed, (_d, bytes) => wire.push(Buffer.from(bytes)));
      client.write(Buffer.from('ping'));
      await flush();
      return Buffer.concat(wire).toString('hex');
    };
    expect(await run('s')).toBe(await run('s'));
    expect(await run('s')).not.toBe(await run('t'));
  });

  it('ends the connection, as a TLS alert would, when a record has been tampered with', async () => {
    const { raw, server, heard } = pair('b');
    await flush();
    // A forged record: right header shape, a body that does not authenticate.
    const forged = Buffer.alloc(12 + 20);
    forged[0] = 1;
    forged[1] = 3;
    forged[2] = 3;
    forged.writeUInt32BE(1, 4);
    forged.writeUInt32BE(20, 8);
    raw.client.write(forged);
    await flush();
    expect(heard.server).toEqual([]);
    expect(heard.serverClosed).toBe(1);
    expect(server.open).toBe(false);
  });
});
