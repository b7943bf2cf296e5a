import type { Hop, TraceEvent } from '../pipeline/trace.js';
import type { LoginTrace } from '../simulation/result.js';
import { causalOrder } from './causal-order.js';
import { clockTime } from './format.js';
import { HOPS, SENDS } from './hops.js';
import { sealedText, stepText } from './trace-printer.js';

const ALIAS: Record<Hop, string> = {
  device: 'Device',
  router: 'Router',
  dispatcher: 'Dispatcher',
  'collaboration-service': 'Collab',
  'sametime-adapter': 'Adapter',
  'sametime-server': 'Sametime',
};

/** The hop that holds the login until the Sametime adapter hands it back: the server only talks to the adapter. */
const CONVERSATION_PARTNER: Partial<Record<Hop, Hop>> = { 'sametime-server': 'sametime-adapter' };

/** Mermaid reads `;` as the end of a statement and `#` as the start of an entity code. */
function escape(text: string): string {
  return text.replace(/[#;]/g, (c) => (c === '#' ? '#35;' : '#59;'));
}

function index(hop: Hop): number {
  return HOPS.findIndex((h) => h.hop === hop);
}

function neighbour(hop: Hop, direction: TraceEvent['direction']): Hop | undefined {
  return HOPS[index(hop) + (direction === 'request' ? 1 : -1)]?.hop;
}

function label(event: TraceEvent): string {
  const parts = [stepText(event)];
  if (event.port !== undefined) parts.push(`port ${event.port}`);
  if (event.bytes !== undefined) parts.push(`${event.bytes} B`);
  const sealed = sealedText(event);
  if (sealed !== '') parts.push(sealed);
  parts.push(clockTime(event.at, true));
  return escape(parts.join(', '));
}

/**
 * Where an event sends the login next: onto a link (sent, relayed, forwarded, sealed, connected),
 * or in process from the adapter back to the Collaboration Service (`logged-in`, or a failure), and
 * from the Collaboration Service back to the Dispatcher (its login reply).
 */
function sendsTo(event: TraceEvent): Hop | undefined {
  if (SENDS.has(event.action)) return neighbour(event.hop, event.direction);
  if (event.direction !== 'reply') return undefined;
  if (event.hop === 'sametime-adapter' && event.port !== undefined && event.outcome !== undefined && event.bytes === undefined) {
    return 'collaboration-service';
  }
  if (event.hop === 'collaboration-service' && event.message === 'login-reply') return 'dispatcher';
  return undefined;
}

function arrow(from: Hop, to: Hop, text: string): string {
  return `  ${ALIAS[from]}${index(to) > index(from) ? '->>' : '-->>'}${ALIAS[to]}: ${text}`;
}

/**
 * One device's login as a Mermaid sequence diagram: a participant per hop, an arrow for every hop
 * the login crosses on the way in and on the way back (port, bytes, sealed or not, virtual time), a
 * note for the decisions. Where a hop reports no sending, as the in-process hand-off from the
 * Collaboration Service to the adapter, the arrow is drawn when the next hop first acts.
 */
export function renderMermaid(trace: LoginTrace): string {
  const lines = ['sequenceDiagram'];
  for (const { hop, name } of HOPS) {
    lines.push(`  participant ${ALIAS[hop]} as ${escape(hop === 'device' ? `${name} ${trace.pin}` : name)}`);
  }
  let holder: Hop = 'device';
  for (const event of causalOrder(trace.events)) {
    const actor = CONVERSATION_PARTNER[event.hop] ?? event.hop;
    if (actor !== holder) {
      const handOff = event.direction === 'request' ? `hands on the login, in process` : 'hands back the outcome, in process';
      lines.push(arrow(holder, actor, escape(`${handOff}, ${clockTime(event.at, true)}`)));
      holder = actor;
    }
    if (event.action === 'received') continue;
    const to = sendsTo(event);
    if (to === undefined) {
      lines.push(`  Note over ${ALIAS[event.hop]}: ${label(event)}`);
      continue;
    }
    lines.push(arrow(event.hop, to, label(event)));
    if (CONVERSATION_PARTNER[to] === undefined && CONVERSATION_PARTNER[event.hop] === undefined) holder = to;
  }
  lines.push(`  Note over Device: ${escape(`${trace.userId}: ${trace.status}`)}`);
  return `${lines.join('\n')}\n`;
}
