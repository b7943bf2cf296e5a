import { describe, expect, it } from 'vitest';
import { VirtualClock, createRandom } from '../../src/index.js';
import {
  GroupWiseAdapter,
  GroupWiseServer,
  ReplyDecoder,
  RequestDecoder,
  decodeReplies,
  decodeRequests,
} from '../../src/groupwise/index.js';

/** What `build` throws: its error's name and message, or undefined when it builds. */
function refusal(build: () => unknown): { name: string; message: string } | undefined {
  try {
    build();
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  return undefined;
}

function expectRefused(option: string, build: () => unknown): void {
  const error = refusal(build);
  expect(error, `${option}: accepted`).toBeDefined();
  expect(error!.name).toBe('SametimeConfigError');
  expect(error!.message).toContain(option);
}

const clock = new VirtualClock();
const random = createRandom('groupwise options');

describe('the GroupWise wing checks its numeric options too', () => {
  it('the request and reply decoders refuse a maxLength that is NaN, negative, a fraction or over 16 MiB (NaN let a buffer grow without end)', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 1.5, 2 ** 32]) {
      expectRefused('maxLength', () => new RequestDecoder({ maxLength: value }));
      expectRefused('maxLength', () => new ReplyDecoder({ maxLength: value }));
      expectRefused('maxLength', () => decodeRequests(new Uint8Array(0), value));
      expectRefused('maxLength', () => decodeReplies(new Uint8Array(0), value));
    }
  });

  it('the server and adapter refuse ports over 65,535 and buffer limits over 16 MiB', () => {
    const server = (o: object) => new GroupWiseServer({ clock, random, ...o });
    const adapter = (o: object) =>
      new GroupWiseAdapter({ clock, host: 'gw', sessionLimit: 1, connector: server({}).connector(random), ...o });
    for (const value of [65_536, 1e9]) {
      expectRefused('port', () => server({ port: value }));
      expectRefused('port', () => adapter({ port: value }));
    }
    for (const value of [Number.NaN, 2 ** 32]) {
      expectRefused('maxRequestLength', () => server({ maxRequestLength: value }));
      expectRefused('maxReplyLength', () => adapter({ maxReplyLength: value }));
    }
    expectRefused('keepaliveMinutes', () => server({ keepaliveMinutes: 2 ** 32 }));
  });
});
