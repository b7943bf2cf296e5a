import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/random/seeded-random.js';
import {
  decodeStream,
  PcapRecorder,
  ReasonCode,
  SametimeAdapter,
  SametimeServer,
  TcpConnector,
  type SametimeMessage,
} from '../../src/sametime/index.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { describeWith, findProgram } from '../support/external-program.js';
import { login, PASSWORD, USERS } from './harness.js';
import { eventually, listeningServer, tcpAdapter } from './tcp-harness.js';

const run = promisify(execFile);
const tshark = findProgram('tshark', { hint: 'Debian package tshark' });
const repo = fileURLToPath(new URL('../../', import.meta.url));

/** One accepted login with a logout, then one wrong password, on the in-process link. */
async function recordedLogins(): Promise<Uint8Array> {
  const clock = new VirtualClock();
  const recorder = new PcapRecorder({ clock });
  const server = new SametimeServer({ clock, random: createRandom('pcap-server'), capacity: 10, users: USERS });
  const adapter = new SametimeAdapter({
    connector: server.connector({ capture: recorder.capture }),
    clock,
    random: createRandom('pcap-adapter'),
    host: 'st.corp',
    sessionLimit: 10,
  });
  const ok = await login(adapter, 'alice', PASSWORD);
  await clock.advance(2_500);
  if (ok.ok) await ok.session.close('logout');
  await clock.advance(10);
  await login(adapter, 'alice', 'a-wrong-password');
  return recorder.finish();
}

/** The records of a pcap file: time in µs and the packet. */
function records(file: Uint8Array): { at: number; packet: Uint8Array }[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: { at: number; packet: Uint8Array }[] = [];
  for (let at = 24; at < file.length; ) {
    const length = view.getUint32(at + 8, true);
    out.push({
      at: view.getUint32(at, true) * 1e6 + view.getUint32(at + 4, true),
      packet: file.subarray(at + 16, at + 16 + length),
    });
    at += 16 + length;
  }
  return out;
}

/** Sums 16-bit words as the Internet checksum does: a header with a right checksum sums to 0xffff. */
function checksum(bytes: Uint8Array, initial = 0): number {
  let sum = initial;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

describe('PcapRecorder', () => {
  it('writes a libpcap file of raw IPv4 packets whose TCP payloads are the link’s bytes, checksums right', async () => {
    const file = await recordedLogins();
    expect(Buffer.from(file.subarray(0, 4)).toString('hex')).toBe('d4c3b2a1'); // a1b2c3d4, little-endian
    expect(new DataView(file.buffer, file.byteOffset).getUint32(20, true)).toBe(101); // LINKTYPE_RAW
    const packets = records(file);
    const streams = new Map<string, Buffer[]>();
    for (const { packet } of packets) {
      expect(packet[0]).toBe(0x45);
      expect(checksum(packet.subarray(0, 20))).toBe(0xffff);
      const tcp = packet.subarray(20);
      const pseudo = checksum(packet.subarray(12, 20), 6 + tcp.length);
      expect(checksum(tcp, pseudo)).toBe(0xffff);
      const key = `${(tcp[0]! << 8) | tcp[1]!}>${(tcp[2]! << 8) | tcp[3]!}`;
      if (tcp.length > 20) streams.set(key, [...(streams.get(key) ?? []), Buffer.from(tcp.subarray(20))]);
    }
    const decoded = Object.fromEntries(
      [...streams].map(([k, parts]) => [k, decodeStream(Buffer.concat(parts)).map((m: SametimeMessage) => m.type)]),
    );
    expect(decoded).toEqual({
      '40000>1533': ['HANDSHAKE', 'LOGIN', 'CHANNEL_DESTROY'],
      '1533>40000': ['HANDSHAKE_ACK', 'LOGIN_ACK'],
      '40001>1533': ['HANDSHAKE', 'LOGIN'],
      '1533>40001': ['HANDSHAKE_ACK', 'CHANNEL_DESTROY'],
    });
    // Stamped with the virtual clock: the logout 2.5 s after the login.
    expect(packets.at(-1)!.at - packets[0]!.at).toBe(2_510_000);
    expect(Buffer.from(file).equals(Buffer.from(await recordedLogins()))).toBe(true);
  });
});

/** tshark's view of a file: one row of fields per Sametime message. */
async function dissect(file: string, ...extra: string[]): Promise<string[][]> {
  const { stdout } = await run(
    tshark.path!,
    [
      '-r',
      file,
      ...extra,
      '-Y',
      'sametime',
      '-T',
      'fields',
      '-E',
      'separator=|',
      '-e',
      'sametime.message_type',
      '-e',
      'sametime.field_text',
      '-e',
      'tcp.payload',
    ],
    { timeout: 60_000 },
  );
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('|'));
}

/** The u32 reason of a CHANNEL_DESTROY from its TCP payload (hex): after the length and the 8-byte header. */
function reasonOf(payloadHex: string): number {
  return Number.parseInt(payloadHex.replaceAll(':', '').slice(24, 32), 16);
}

describeWith([tshark], 'tshark reads the captures as Sametime', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bes-collab-pcap-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('decodes a simulated login: HANDSHAKE, HANDSHAKE_ACK, LOGIN with the user id, LOGIN_ACK, CHANNEL_DESTROY with its reason', async () => {
    const bytes = await recordedLogins();
    const file = join(dir, 'in-process.pcap');
    await writeFile(file, bytes);
    const rows = await dissect(file);
    expect(rows.map(([type]) => type)).toEqual([
      '0x0000',
      '0x8000',
      '0x0001',
      '0x8001',
      '0x0003',
      '0x0000',
      '0x8000',
      '0x0001',
      '0x0003',
    ]);
    expect(rows[2]![1]).toBe('alice'); // LOGIN's user id
    expect(rows[3]![1]).toContain('alice'); // LOGIN_ACK's login info
    expect(reasonOf(rows[4]![2]!)).toBe(ReasonCode.success); // the logout
    expect(reasonOf(rows[8]![2]!)).toBe(ReasonCode.incorrectLogin); // the wrong password, refused
    for (const secret of [PASSWORD, 'a-wrong-password']) {
      expect(Buffer.from(bytes).includes(Buffer.from(secret))).toBe(false);
      expect(Buffer.from(bytes).includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    }
  }, 60_000);

  it('decodes a login over real TCP on loopback, with its real ports', async () => {
    const { clock, listener, server } = await listeningServer();
    const recorder = new PcapRecorder({ clock });
    try {
      // The connector's capture sees both directions of each connection, with the sockets' endpoints.
      const adapter = tcpAdapter(listener.port, {
        connector: new TcpConnector({ capture: recorder.capture, lingerMs: 200 }),
      });
      const ok = await login(adapter, 'alice', PASSWORD);
      if (ok.ok) await ok.session.close('logout');
      await eventually(() => server.openConnectionCount === 0);
    } finally {
      await listener.close();
    }
    const file = join(dir, 'tcp.pcap');
    await writeFile(file, recorder.finish());
    const rows = await dissect(file, '-d', `tcp.port==${listener.port},sametime`);
    expect(rows.map(([type]) => type)).toEqual(['0x0000', '0x8000', '0x0001', '0x8001', '0x0003']);
    const { stdout } = await run(
      tshark.path!,
      ['-r', file, '-T', 'fields', '-e', 'ip.src', '-e', 'tcp.dstport', '-c', '1'],
      { timeout: 60_000 },
    );
    expect(stdout.trim()).toBe(`127.0.0.1\t${listener.port}`);
  }, 60_000);

  it('bes-collab simulate --trace <device> --pcap writes that device’s first login, which tshark decodes', async () => {
    const file = join(dir, 'simulated.pcap');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repo, 'src/cli/main.ts'),
        'simulate',
        '--devices',
        '20',
        '--hours',
        '2',
        '--trace',
        '1',
        '--pcap',
        file,
      ],
      { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /21000001's 1533 connection \(\d+ packets\) written to .*simulated\.pcap: open it in Wireshark/,
    );
    const rows = await dissect(file);
    expect(rows.map(([type]) => type)).toEqual(['0x0000', '0x8000', '0x0001', '0x8001', '0x0003']);
    expect(rows[2]![1]).toBe('user1');
    expect(reasonOf(rows[4]![2]!)).toBe(ReasonCode.success);
    const bytes = await readFile(file);
    expect(bytes.includes(Buffer.from('"password"'))).toBe(false);
  }, 60_000);
});
