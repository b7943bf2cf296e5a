import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  decodeMessage,
  describeStatus,
  encodeFrame,
  formatReasonCode,
  MessageType,
  messageTypeName,
  ReasonCode,
  reasonName,
  SametimeProtocolError,
  StatusCode,
  WireReader,
  WireWriter,
  type SametimeMessage,
} from '../../src/sametime/index.js';
import { anyMessage } from './arbitraries.js';
import { fuzz } from './fuzz-settings.js';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(SametimeProtocolError);
    return (error as SametimeProtocolError).code;
  }
}

describe('Sametime wire codec', () => {
  it('encodes a HANDSHAKE frame byte for byte', () => {
    const frame = encodeFrame({
      type: 'HANDSHAKE',
      channel: 0,
      major: 0x001e,
      minor: 0x001d,
      masterChannel: 0,
      serverAddress: 0,
      loginType: 0x1003,
      localAddress: 0x7f00_0001,
      extension: { marker: 0x0100, reserved: 0, localHost: 'bes' },
    });
    expect(hex(frame)).toBe(
      '00000025' +
        '0000' +
        '0000' +
        '00000000' +
        '001e' +
        '001d' +
        '00000000' +
        '00000000' +
        '1003' +
        '7f000001' +
        '0100' +
        '00000000' +
        '0003' +
        '626573',
    );
  });

  it('encodes a LOGIN frame byte for byte', () => {
    const frame = encodeFrame({
      type: 'LOGIN',
      channel: 0,
      loginType: 0x1003,
      userId: 'alice',
      authData: Uint8Array.of(1, 2, 3),
      authType: 0x1000,
    });
    expect(hex(frame)).toBe(
      '0000001c' +
        '0001' +
        '0000' +
        '00000000' +
        '1003' +
        '0005' +
        '616c696365' +
        '00000003' +
        '010203' +
        '1000' +
        '0000',
    );
  });

  it('encodes an attribute block after the header and sets option 0x8000', () => {
    const frame = encodeFrame({
      type: 'CHANNEL_DESTROY',
      channel: 7,
      attributes: Uint8Array.of(0xaa),
      reason: ReasonCode.serverFull,
      data: new Uint8Array(0),
    });
    expect(hex(frame)).toBe('00000015' + '0003' + '8000' + '00000007' + '00000001' + 'aa' + '8000020b' + '00000000');
  });

  it('decodes an encrypted message as opaque bytes', () => {
    const bytes = Uint8Array.from(Buffer.from('0009' + '4000' + '00000000' + 'deadbeef', 'hex'));
    expect(decodeMessage(bytes)).toEqual({
      type: 'opaque',
      channel: 0,
      code: 0x0009,
      encrypted: true,
      body: Uint8Array.of(0xde, 0xad, 0xbe, 0xef),
    });
  });

  it('round-trips every modelled message', () => {
    fc.assert(
      fc.property(anyMessage, (m: SametimeMessage) => {
        expect(decodeFrame(encodeFrame(m))).toEqual(m);
      }),
      fuzz,
    );
  });

  it('rejects what is not Sametime with a coded SametimeProtocolError', () => {
    const ok = encodeFrame({ type: 'CHANNEL_DESTROY', channel: 0, reason: 0, data: new Uint8Array(0) });
    expect(codeOf(() => decodeFrame(ok.subarray(0, ok.length - 1)))).toBe('truncated');
    expect(codeOf(() => decodeFrame(Uint8Array.of(...ok, 0)))).toBe('trailing-bytes');
    expect(codeOf(() => decodeFrame(Uint8Array.of(0, 1, 0, 1)))).toBe('too-large');
    expect(codeOf(() => decodeMessage(Uint8Array.from(Buffer.from('00770000000000', 'hex'))))).toBe('truncated');
    expect(codeOf(() => decodeMessage(Uint8Array.from(Buffer.from('0003000100000000', 'hex'))))).toBe('bad-options');
    // SET_USER_STATUS whose description is the invalid UTF-8 byte 0xff
    expect(codeOf(() => decodeMessage(Uint8Array.from(Buffer.from('00090000000000000020000000000001ff', 'hex'))))).toBe(
      'bad-string',
    );
    // LOGIN_ACK whose login-info `full` boolean (2: true) promises fields that are not there
    expect(
      codeOf(() => decodeMessage(Uint8Array.from(Buffer.from(`8001000000000000${'00'.repeat(10)}02`, 'hex')))),
    ).toBe('truncated');
  });

  it('reads as real clients read: unknown types kept for skipping, any non-zero boolean true, LOGIN_ACK extras ignored', () => {
    expect(
      decodeMessage(Uint8Array.from(Buffer.from('0077' + '8000' + '00000005' + '00000001' + 'aa' + 'beef', 'hex'))),
    ).toEqual({
      type: 'unknown',
      channel: 5,
      code: 0x0077,
      options: 0x8000,
      attributes: Uint8Array.of(0xaa),
      body: Uint8Array.of(0xbe, 0xef),
    });
    const ack: SametimeMessage = {
      type: 'LOGIN_ACK',
      channel: 0,
      reserved: 0,
      loginInfo: {
        loginId: 'st-1',
        loginType: 0x1700,
        userId: 'alice',
        userName: 'Alice',
        community: '',
        full: { description: '', address: 0, serverId: 'st' },
      },
      privacy: { deny: true, users: [] },
      userStatus: { status: 0x20, time: 7, description: '' },
    };
    const frame = encodeFrame(ack);
    const body = frame.subarray(4);
    // What a newer server appends after the user-status block, and a boolean written as 0xff.
    const extended = Uint8Array.of(...body, 0x00, 0x01, 0x02);
    expect(decodeMessage(extended)).toEqual(ack);
    const denyAt = body.length - (1 + 4 + 2 + 4 + 2);
    expect(body[denyAt]).toBe(1);
    const loud = body.slice();
    loud[denyAt] = 0xff;
    expect(decodeMessage(loud)).toEqual(ack);
  });

  it('reads HANDSHAKE_ACK’s magic and key from 0x1e/0x19 on, and writes them only from 0x1e/0x1d', () => {
    const w = new WireWriter();
    w.u16(MessageType.HANDSHAKE_ACK)
      .u16(0)
      .u32(0)
      .u16(0x1e)
      .u16(0x19)
      .u32(0x7f000001)
      .u32(0xcafe)
      .opaque(Uint8Array.of(1, 2));
    expect(decodeMessage(w.finish())).toMatchObject({
      minor: 0x19,
      keyExchange: { magic: 0xcafe, serverKey: Uint8Array.of(1, 2) },
    });
    const bare = encodeFrame({
      type: 'HANDSHAKE_ACK',
      channel: 0,
      major: 0x1e,
      minor: 0x19,
      clientAddress: 1,
      keyExchange: { magic: 1, serverKey: Uint8Array.of(1) },
    });
    expect(decodeFrame(bare)).toEqual({
      type: 'HANDSHAKE_ACK',
      channel: 0,
      major: 0x1e,
      minor: 0x19,
      clientAddress: 1,
    });
    const w18 = new WireWriter();
    w18.u16(MessageType.HANDSHAKE_ACK).u16(0).u32(0).u16(0x1e).u16(0x18).u32(1).u32(0xcafe).opaque(Uint8Array.of(1, 2));
    expect(codeOf(() => decodeMessage(w18.finish()))).toBe('trailing-bytes');
  });

  it('encodes ADMIN, SENSE_SERVICE and ANNOUNCE byte for byte', () => {
    expect(hex(encodeFrame({ type: 'ADMIN', channel: 0, text: 'Hi' }))).toBe(
      '0000000c' + '0019' + '0000' + '00000000' + '0002' + '4869',
    );
    expect(hex(encodeFrame({ type: 'SENSE_SERVICE', channel: 0, service: 0x00000011 }))).toBe(
      '0000000c' + '0011' + '0000' + '00000000' + '00000011',
    );
    expect(
      hex(
        encodeFrame({ type: 'ANNOUNCE', channel: 0, reserved: 0, mayReply: true, text: 'Hi', recipients: ['@U bob'] }),
      ),
    ).toBe(
      '00000020' +
        '0022' +
        '0000' +
        '00000000' +
        '00' +
        '0000' +
        '00000005' +
        '01' +
        '0002' +
        '4869' +
        '00000001' +
        '0006' +
        '405520626f62',
    );
    // An announcement that ends after its text (as some servers send it to a client) has no recipients.
    const short = Uint8Array.from(
      Buffer.from('0022' + '0000' + '00000000' + '00' + '0000' + '00000005' + '00' + '0002' + '4869', 'hex'),
    );
    expect(decodeMessage(short)).toEqual({
      type: 'ANNOUNCE',
      channel: 0,
      reserved: 0,
      mayReply: false,
      text: 'Hi',
      recipients: [],
    });
  });

  it('rejects a privacy block whose count the bytes cannot hold, without building it', () => {
    const w = new WireWriter();
    w.u16(MessageType.LOGIN_ACK).u16(0).u32(0);
    w.string('id').u16(0x1003).string('u').string('U').string('c').boolean(false).u16(0);
    w.boolean(false).u32(0xffff_ffff);
    expect(codeOf(() => decodeMessage(w.finish()))).toBe('truncated');
  });

  it('refuses to encode values that do not fit their field', () => {
    expect(codeOf(() => new WireWriter().u16(0x1_0000))).toBe('bad-value');
    expect(codeOf(() => new WireWriter().u32(-1))).toBe('bad-value');
    expect(codeOf(() => new WireWriter().string('x'.repeat(0x1_0000)))).toBe('too-large');
    expect(
      codeOf(() =>
        encodeFrame({ type: 'opaque', channel: 0, code: 0x0077, encrypted: false, body: new Uint8Array(0) }),
      ),
    ).toBe('unknown-type');
    expect(
      codeOf(() => encodeFrame({ type: 'unknown', channel: 0, code: 0x0077, options: 0, body: new Uint8Array(0) })),
    ).toBe('unknown-type');
  });

  it('writes and reads UTF-8 strings, ASCII or not', () => {
    for (const s of ['', 'alice', 'Zoë', 'ユーザー', '😀 mobile', `${'a'.repeat(100)}é`]) {
      const r = new WireReader(new WireWriter(1).string(s).finish());
      expect(r.string()).toBe(s);
      r.end('string');
    }
  });

  it('names the protocol tables', () => {
    expect(messageTypeName(0x8001)).toBe('LOGIN_ACK');
    expect(messageTypeName(0x0005)).toBeUndefined();
    expect(messageTypeName(0x0019)).toBe('ADMIN');
    expect(reasonName(ReasonCode.incorrectLogin)).toBe('incorrect-login');
    expect(reasonName(0x8000_020b)).toBe('server-full');
    expect(reasonName(0x1234)).toBeUndefined();
    expect(formatReasonCode(ReasonCode.userUnregistered)).toBe('0x80000213');
    expect(describeStatus(StatusCode.away | 0x0200)).toEqual({ status: 'away', mobile: true });
    expect(describeStatus(0x0021)).toBeUndefined();
  });
});
