import type { TraceEvent } from '../pipeline/trace.js';

type Hop = TraceEvent['hop'];
import type { LoginTrace } from '../simulation/result.js';
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

/** Mermaid reads `;` as the end of a statement and `#` as the start of an entity code. */
function escape(text: string): string {
  return text.replace(/[#;]/g, (c) => (c === '#' ? '#35;' : '#59;'));
}

function neighbour(hop: Hop, direction: TraceEvent['direction']): Hop | undefined {
  const i = HOPS.findIndex((h) => h.hop === hop);
  return HOPS[direction === 'request' ? i + 1 : i - 1]?.hop;
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
 * One device's login as a Mermaid sequence diagram: a participant per hop, an arrow for every
 * step that puts bytes on a link (port, bytes, sealed or not, virtual time), a note for the rest.
 * Receipts are left out: the arrow already shows them.
 */
export function renderMermaid(trace: LoginTrace): string {
  const lines = ['sequenceDiagram'];
  for (const { hop, name } of HOPS) {
    lines.push(`  participant ${ALIAS[hop]} as ${escape(hop === 'device' ? `${name} ${trace.pin}` : name)}`);
  }
  for (const event of trace.events) {
    if (event.action === 'received') continue;
    const to = SENDS.has(event.action) ? neighbour(event.hop, event.direction) : undefined;
    if (to === undefined) {
      lines.push(`  Note over ${ALIAS[event.hop]}: ${label(event)}`);
    } else {
      const arrow = event.direction === 'request' ? '->>' : '-->>';
      lines.push(`  ${ALIAS[event.hop]}${arrow}${ALIAS[to]}: ${label(event)}`);
    }
  }
  lines.push(`  Note over Device: ${escape(`${trace.userId}: ${trace.status}`)}`);
  return `${lines.join('\n')}\n`;
}
