import { beforeAll, describe, expect, it } from 'vitest';
import { causalOrder } from '../../src/cli/causal-order.js';
import { renderMermaid } from '../../src/cli/mermaid.js';
import { renderTrace } from '../../src/cli/trace-printer.js';
import type { TraceEvent } from '../../src/pipeline/trace.js';
import { runScenario, type LoginTrace, type ScenarioInput } from '../../src/simulation/index.js';

const everyoneIn: ScenarioInput = {
  hours: 2,
  bes: { maxSessions: null },
  users: { count: 30, permittedShare: 1, wrongPasswordRate: 0 },
  behaviour: { offlineMinutes: 5, sessionMinutes: 60 },
};
/** A maximum of one session that is never idle: every login after the first is answered Server Busy. */
const busy: ScenarioInput = {
  hours: 2,
  bes: { maxSessions: 1, idleTimeoutMinutes: null, inactivityTimeoutMinutes: null },
  users: { count: 30, permittedShare: 1, wrongPasswordRate: 0 },
  behaviour: { offlineMinutes: 5, sessionMinutes: 600, silentShare: 0, coverage: { lossesPerHour: 0 } },
};

let accepted: LoginTrace;
let rejected: LoginTrace;
beforeAll(async () => {
  accepted = (await runScenario(everyoneIn, { traceLogin: { pin: '21000004' } })).trace!;
  const first = (await runScenario(busy, { traceLogin: {} })).trace!;
  const other = first.pin === '21000001' ? '21000002' : '21000001';
  rejected = (await runScenario(busy, { traceLogin: { pin: other } })).trace!;
});

const step = (line: string): string => line.replace(/^ *\d+ {2}(\d\d:\d\d:\d\d\.\d{3})? +/, '');

describe('the trace, in causal order', () => {
  it('lists the adapter connecting before the Sametime server accepting the connection', () => {
    const events = causalOrder(accepted.events);
    const connected = events.findIndex((e) => e.hop === 'sametime-adapter' && e.action === 'connected');
    const acceptedAt = events.findIndex((e) => e.hop === 'sametime-server' && e.action === 'accepted');
    expect(connected).toBeGreaterThan(0);
    expect(acceptedAt).toBe(connected + 1);
    expect(events).toHaveLength(accepted.events.length);
    expect(new Set(events)).toEqual(new Set(accepted.events));
    const table = renderTrace(accepted, 200);
    expect(table.indexOf('connected: sametime.example')).toBeLessThan(table.indexOf('accepted: sametime.example'));
  });

  it('leaves alone events already in order', () => {
    const inOrder = causalOrder(accepted.events);
    expect(causalOrder(inOrder)).toEqual(inOrder);
  });
});

describe('renderTrace', () => {
  it('is a table with the full hop names on a wide terminal, times to the millisecond, shown when they change', () => {
    const text = renderTrace(accepted, 200);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Login of device 21000004 \(user4\) at \d\d:\d\d:\d\d\.\d{3} virtual time: accepted$/);
    expect(text).toMatch(/^ {3}# {2}virtual time {2}hop {2,}port {2}bytes {2}sealed {2}step$/m);
    expect(text).toMatch(
      /^ {3}1 {2}\d\d:\d\d:\d\d\.\d{3} {2}BlackBerry device +-> +47 {2}sealed {2}sent login-request$/m,
    );
    expect(text).toMatch(/^ {3}5 {16}BlackBerry Collaboration Service {2}-> {2}3200/m);

    const later = { ...accepted, events: accepted.events.map((e, i) => (i >= 3 ? { ...e, at: e.at + 120 } : e)) };
    const times = renderTrace(later, 200).match(/\d\d:\d\d:\d\d\.\d{3}/g)!;
    expect(times.slice(1)).toHaveLength(2); // the title's, the first row's and the fourth's
    expect(Number(times[2]!.slice(-3))).toBe((Number(times[1]!.slice(-3)) + 120) % 1000);
  });

  it('uses the short hop names where the full ones make it too wide', () => {
    const text = renderTrace(accepted, 100);
    expect(text).toMatch(/^ {3}5 {16}Collaboration +-> {2}3200/m);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it.each([40, 60, 80])('takes two lines a step on a %i-column terminal, and nothing goes past the edge', (columns) => {
    const lines = renderTrace(accepted, columns).split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
    const start = lines.findIndex((line) => /^ +1 {2}\d\d:/.test(line));
    expect(step(lines[start]!)).toMatch(/^(BlackBerry device|Device) ->$/);
    expect(lines[start + 1]).toMatch(/^ {6}sent login-request, 47 bytes( sealed)?$/);
    expect(lines.filter((line) => /^ +\d+ {2}/.test(line))).toHaveLength(accepted.events.length);
  });
});

function arrows(diagram: string): string[] {
  return diagram.split('\n').flatMap((line) => {
    const match = /^ {2}(\w+)(-?->>)(\w+):/.exec(line);
    return match === null ? [] : [`${match[1]}${match[2]}${match[3]}`];
  });
}

describe('renderMermaid', () => {
  it('draws every hop in and every hop back, in order, for an accepted login', () => {
    const drawn = arrows(renderMermaid(accepted));
    const hops = drawn.filter((a, i) => a !== drawn[i - 1]);
    expect(hops).toEqual([
      'Device->>Router',
      'Router->>Dispatcher',
      'Dispatcher->>Collab',
      'Collab->>Adapter',
      'Adapter->>Sametime',
      'Sametime-->>Adapter',
      'Adapter->>Sametime',
      'Sametime-->>Adapter',
      'Adapter-->>Collab',
      'Collab-->>Dispatcher',
      'Dispatcher-->>Router',
      'Router-->>Device',
    ]);
  });

  it('draws the way back from the Collaboration Service for a login it turned away', () => {
    expect(rejected.status).toBe('server-busy');
    const diagram = renderMermaid(rejected);
    expect(arrows(diagram)).toEqual([
      'Device->>Router',
      'Router->>Dispatcher',
      'Dispatcher->>Collab',
      'Collab-->>Dispatcher',
      'Dispatcher-->>Router',
      'Router-->>Device',
    ]);
    expect(diagram).toContain('Note over Collab: admission: server-busy');
  });

  it('draws a hand-off a hop does not report, rather than leave a gap', () => {
    const withoutLoggedIn: LoginTrace = {
      ...accepted,
      events: accepted.events.filter((e: TraceEvent) => !(e.hop === 'sametime-adapter' && e.action === 'logged-in')),
    };
    const diagram = renderMermaid(withoutLoggedIn);
    expect(diagram).toMatch(/^ {2}Adapter-->>Collab: hands back the outcome, in process, /m);
  });
});
