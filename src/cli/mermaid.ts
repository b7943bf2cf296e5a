import type { Hop } from './hops.js';
import type { LoginTrace } from '../simulation/result.js';
import { clockTime } from './format.js';
import { pathHops } from './hops.js';
import { loginSequence } from './login-sequence.js';

const ALIAS: Record<Hop, string> = {
  device: 'Device',
  router: 'Router',
  dispatcher: 'Dispatcher',
  'collaboration-service': 'Collab',
  'sametime-adapter': 'Adapter',
  'sametime-server': 'Sametime',
  'groupwise-adapter': 'Adapter',
  'groupwise-server': 'GroupWise',
};

/** Mermaid reads `;` as the end of a statement and `#` as the start of an entity code. */
function escapeMermaid(text: string): string {
  return text.replace(/[#;]/g, (c) => (c === '#' ? '#35;' : '#59;'));
}

/**
 * One device's login as a Mermaid sequence diagram: a participant per hop, an arrow for every hop
 * the login crosses on the way in and on the way back (port, bytes, sealed or not, virtual time),
 * a note for the decisions.
 */
export function renderMermaid(trace: LoginTrace): string {
  const lines = ['sequenceDiagram'];
  for (const { hop, name } of pathHops(trace.events)) {
    lines.push(`  participant ${ALIAS[hop]} as ${escapeMermaid(hop === 'device' ? `${name} ${trace.pin}` : name)}`);
  }
  for (const step of loginSequence(trace)) {
    const label = escapeMermaid([step.what, ...step.details, clockTime(step.at, true)].join(', '));
    if (step.kind === 'note') lines.push(`  Note over ${ALIAS[step.over]}: ${label}`);
    else lines.push(`  ${ALIAS[step.from]}${step.back ? '-->>' : '->>'}${ALIAS[step.to]}: ${label}`);
  }
  lines.push(`  Note over Device: ${escapeMermaid(`${trace.userId}: ${trace.status}`)}`);
  return `${lines.join('\n')}\n`;
}
