import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeReplies,
  decodeReply,
  decodeRequests,
  encodeEvent,
  encodeRequest,
  encodeResponse,
  EventType,
  FieldType,
  GroupWiseProtocolError,
  loginRequest,
  pingRequest,
  ReplyDecoder,
  RequestDecoder,
  ResultCode,
  resultCodeOf,
  resultName,
  setStatusRequest,
  statusOfResult,
  textField,
  urlEscape,
  urlUnescape,
} from '../../src/groupwise/wire/index.js';
import { anyFields } from './arbitraries.js';
import { fuzz } from '../sametime/fuzz-settings.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('GroupWise requests', () => {
  it('writes login as real clients do: request line, Host, blank line, escaped fields, the transaction id, CRLF', () => {
    const bytes = encodeRequest(
      loginRequest(1, { userId: 'alice', password: 'a b&c', userAgent: 'BES', host: '10.0.0.5:8300' }),
    );
    expect(text(bytes)).toBe(
      'POST /login HTTP/1.0\r\nHost: 10.0.0.5:8300\r\n\r\n' +
        '&tag=NM%5fA%5fSZ%5fUSERID&cmd=0&val=alice&type=10' +
        '&tag=NM%5fA%5fSZ%5fCREDENTIALS&cmd=0&val=a+b%26c&type=10' +
        '&tag=NM%5fA%5fSZ%5fUSER%5fAGENT&cmd=0&val=BES&type=10' +
        '&tag=NM%5fA%5fUD%5fBUILD&cmd=0&val=2&type=8' +
        '&tag=NM%5fA%5fSZ%5fTRANSACTION%5fID&cmd=0&val=1&type=10\r\n',
    );
  });

  it('escapes letters and digits as themselves, space as +, everything else as lowercase %xx', () => {
    expect(urlEscape(new TextEncoder().encode('Az09 _-é'))).toBe('Az09+%5f%2d%c3%a9');
    expect(new TextDecoder().decode(urlUnescape('Az09+%5F%2d%C3%a9'))).toBe('Az09 _-é');
    expect(() => urlUnescape('%g1')).toThrow(GroupWiseProtocolError);
  });

  it('writes an array as its child count, the children following', () => {
    const bytes = encodeRequest({
      command: 'x',
      fields: [{ tag: 'A', method: 1, type: FieldType.array, value: [textField('B', 'b'), textField('C', 'c')] }],
    });
    expect(text(bytes)).toContain('&tag=A&cmd=1&val=2&type=9&tag=B&cmd=0&val=b&type=10&tag=C&cmd=0&val=c&type=10\r\n');
  });

  it('writes methods 10-16 as A-G and refuses bad input', () => {
    expect(text(encodeRequest({ command: 'x', fields: [textField('T', 'v', 16)] }))).toContain('&cmd=G&');
    expect(() => encodeRequest({ command: 'Login', fields: [] })).toThrow(
      expect.objectContaining({ code: 'bad-start' }),
    );
    expect(() => encodeRequest({ command: 'x', fields: [textField('T', 'x'.repeat(32_769))] })).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
    expect(() =>
      encodeRequest({ command: 'x', fields: [{ tag: 'N', method: 0, type: FieldType.udword, value: -1 }] }),
    ).toThrow(expect.objectContaining({ code: 'bad-value' }));
    expect(() => encodeRequest({ command: 'x', fields: [textField('T', 'v', 17)] })).toThrow(
      expect.objectContaining({ code: 'bad-value' }),
    );
  });

  it('reads back what it writes, in chunks of any size', () => {
    fc.assert(
      fc.property(anyFields, fc.integer({ min: 1, max: 50 }), (fields, chunk) => {
        const bytes = encodeRequest({ command: 'setstatus', fields });
        const decoder = new RequestDecoder();
        const out: unknown[] = [];
        for (let at = 0; at < bytes.length; at += chunk)
          decoder.push(bytes.subarray(at, at + chunk), (r) => out.push(r));
        expect(out).toEqual([{ command: 'setstatus', fields }]);
      }),
      fuzz,
    );
  });

  it('reads liberally: LF line ends, any case, unknown headers and keys, missing cmd and type', () => {
    const raw = 'post /PING http/1.1\nX-Other: 1\nhost: gw:8300\n\n&tag=NM_A_SZ_TRANSACTION_ID&val=7&extra=1\n';
    expect(decodeRequests(new TextEncoder().encode(raw))).toEqual([
      {
        command: 'ping',
        host: 'gw:8300',
        fields: [{ tag: 'NM_A_SZ_TRANSACTION_ID', method: 0, type: FieldType.utf8, value: '7' }],
      },
    ]);
  });

  it('numbers the requests of a connection from 1: ping and setstatus carry only their transaction id and status', () => {
    const requests = decodeRequests(
      Buffer.concat([encodeRequest(pingRequest(2)), encodeRequest(setStatusRequest(3, 4))]),
    );
    expect(requests.map((r) => r.command)).toEqual(['ping', 'setstatus']);
    expect(requests[0]!.fields).toEqual([textField('NM_A_SZ_TRANSACTION_ID', '2')]);
    expect(requests[1]!.fields).toEqual([textField('NM_A_SZ_STATUS', '4'), textField('NM_A_SZ_TRANSACTION_ID', '3')]);
  });

  it('refuses a request over its limit, and one that is not POST', () => {
    const decoder = new RequestDecoder({ maxLength: 100 });
    expect(() => decoder.push(new Uint8Array(101).fill(0x41), () => {})).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
    expect(() => decodeRequests(new TextEncoder().encode('GET / HTTP/1.0\r\n\r\n\r\n'))).toThrow(
      expect.objectContaining({ code: 'bad-start' }),
    );
  });
});

describe('GroupWise replies and events', () => {
  it('writes a response as HTTP/1.0 then little-endian binary fields ending with type 0', () => {
    const bytes = encodeResponse({ status: 200, fields: [textField('NM_A_SZ_RESULT_CODE', '0')] });
    const head = 'HTTP/1.0 200 OK\r\n\r\n';
    expect(text(bytes.subarray(0, head.length))).toBe(head);
    const body = Buffer.from(bytes.subarray(head.length));
    expect(body[0]).toBe(FieldType.utf8);
    expect(body[1]).toBe(0);
    expect(body.readUInt32LE(2)).toBe('NM_A_SZ_RESULT_CODE'.length + 1);
    expect(body.readUInt32LE(6 + 20)).toBe(2); // "0" and its NUL
    expect(body.at(-1)).toBe(0);
  });

  it('reads back responses and events it writes, in chunks of any size', () => {
    fc.assert(
      fc.property(
        anyFields,
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 1, max: 40 }),
        (fields, status, chunk) => {
          const response = { kind: 'response' as const, status: 200, fields };
          const change = {
            kind: 'event' as const,
            type: EventType.statusChange,
            source: 'cn=bob,o=corp',
            status,
            text: 'out',
          };
          const disconnect = { kind: 'event' as const, type: EventType.userDisconnect, source: 'cn=alice' };
          const replies = [response, change, disconnect];
          const bytes = Buffer.concat([encodeResponse(response), encodeEvent(change), encodeEvent(disconnect)]);
          const decoder = new ReplyDecoder();
          const out: unknown[] = [];
          for (let at = 0; at < bytes.length; at += chunk)
            decoder.push(bytes.subarray(at, at + chunk), (r) => out.push(r));
          expect(out).toEqual(replies);
          expect(decodeReplies(bytes)).toEqual(replies);
        },
      ),
      fuzz,
    );
  });

  it('reads a result code as decimal text, as a number liberally, and a missing one as server-protocol', () => {
    expect(resultCodeOf([textField('NM_A_SZ_RESULT_CODE', '53516')])).toBe(ResultCode.passwordInvalid);
    expect(resultCodeOf([{ tag: 'NM_A_SZ_RESULT_CODE', method: 0, type: FieldType.udword, value: 0 }])).toBe(0);
    expect(resultCodeOf([])).toBe(ResultCode.serverProtocol);
  });

  it('maps result codes to the device statuses', () => {
    expect(resultName(0xd10c)).toBe('password-invalid');
    expect(statusOfResult(ResultCode.passwordInvalid)).toBe('authentication-failed');
    expect(statusOfResult(ResultCode.accessDenied)).toBe('authentication-failed');
    expect(statusOfResult(ResultCode.userNotFound)).toBe('authentication-failed');
    expect(statusOfResult(ResultCode.userDisabled)).toBe('authentication-failed');
    expect(statusOfResult(ResultCode.serverBusy)).toBe('failed');
    expect(statusOfResult(ResultCode.evalConnectionLimit)).toBe('failed');
    expect(statusOfResult(0xd1ff)).toBe('failed');
  });

  it('refuses an event outside 101-121, a reply starting H that is not HTTP, and trailing bytes', () => {
    expect(() => decodeReply(Uint8Array.of(100, 0, 0, 0))).toThrow(expect.objectContaining({ code: 'unknown-event' }));
    expect(() => decodeReply(new TextEncoder().encode('HELO'))).toThrow(expect.objectContaining({ code: 'bad-start' }));
    const ok = encodeResponse({ status: 200, fields: [] });
    expect(() => decodeReply(Buffer.concat([ok, Uint8Array.of(1)]))).toThrow(
      expect.objectContaining({ code: 'trailing-bytes' }),
    );
    expect(() => decodeReply(ok.subarray(0, ok.length - 1))).toThrow(expect.objectContaining({ code: 'truncated' }));
  });
});
