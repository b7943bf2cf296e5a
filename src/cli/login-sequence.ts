import type { TraceEvent } from '../pipeline/trace.js';
import type { Hop } from './hops.js';
import type { LoginTrace } from '../simulation/result.js';
import { causalOrder } from './causal-order.js';
import { adapterOf, pathHops, SENDS, SERVER_ADAPTER, type HopInfo } from './hops.js';
import { sealedText, stepText } from './trace-printer.js';

/** One line of a login's sequence diagram: an arrow from hop to hop, or a note over one hop. */
export type SequenceStep =
  | {
      readonly kind: 'arrow';
      readonly from: Hop;
      readonly to: Hop;
      /** On the way back to the device. */
      readonly back: boolean;
      readonly what: string;
      /** Port, bytes, sealed or plain, where the step has them. */
      readonly details: readonly string[];
      readonly at: number;
    }
  | {
      readonly kind: 'note';
      readonly over: Hop;
      readonly what: string;
      readonly details: readonly string[];
      readonly at: number;
    };

/** The hop that holds the login until the adapter hands it back: the server only talks to the adapter. */
const CONVERSATION_PARTNER: Partial<Record<Hop, Hop>> = SERVER_ADAPTER;

function index(path: readonly HopInfo[], hop: Hop): number {
  return path.findIndex((h) => h.hop === hop);
}

function neighbour(path: readonly HopInfo[], hop: Hop, direction: TraceEvent['direction']): Hop | undefined {
  return path[index(path, hop) + (direction === 'request' ? 1 : -1)]?.hop;
}

function details(event: TraceEvent): string[] {
  const parts: string[] = [];
  if (event.port !== undefined) parts.push(`port ${event.port}`);
  if (event.bytes !== undefined) parts.push(`${event.bytes} B`);
  const sealed = sealedText(event);
  if (sealed !== '') parts.push(sealed);
  return parts;
}

/**
 * Where an event sends the login next: onto a link (sent, relayed, forwarded, sealed, connected),
 * or in process from the adapter back to the Collaboration Service (`logged-in`, or a failure), and
 * from the Collaboration Service back to the Dispatcher (its login reply).
 */
function sendsTo(path: readonly HopInfo[], event: TraceEvent): Hop | undefined {
  // The Dispatcher seals a local service's reply, then relays it: the relaying is the send.
  if (event.hop === 'dispatcher' && event.action === 'sealed') return undefined;
  if (SENDS.has(event.action)) return neighbour(path, event.hop, event.direction);
  if (event.direction !== 'reply') return undefined;
  if (
    event.hop === adapterOf(path) &&
    event.port !== undefined &&
    event.outcome !== undefined &&
    event.bytes === undefined
  ) {
    return 'collaboration-service';
  }
  if (event.hop === 'collaboration-service' && event.message === 'login-reply') return 'dispatcher';
  return undefined;
}

function arrow(
  path: readonly HopInfo[],
  from: Hop,
  to: Hop,
  what: string,
  stepDetails: readonly string[],
  at: number,
): SequenceStep {
  return { kind: 'arrow', from, to, back: index(path, to) < index(path, from), what, details: stepDetails, at };
}

/**
 * A login as a sequence: an arrow for every hop it crosses on the way in and on the way back, a
 * note for the decisions; receipts are left out (the arrow shows them). Where a hop reports no
 * sending, as the in-process hand-off from the Collaboration Service to the adapter, the arrow is
 * drawn when the next hop first acts, so there is never a gap.
 */
export function loginSequence(trace: LoginTrace): SequenceStep[] {
  const steps: SequenceStep[] = [];
  const path = pathHops(trace.events);
  let holder: Hop = 'device';
  for (const event of causalOrder(trace.events)) {
    const actor = CONVERSATION_PARTNER[event.hop] ?? event.hop;
    if (actor !== holder) {
      // A hop that reports what it received on a port (the service on 3200) shows how it arrived.
      const onPort = event.action === 'received' && event.port !== undefined;
      const handOff = onPort
        ? `forwarded ${event.message ?? ''}`.trim()
        : event.direction === 'request'
          ? 'hands on the login'
          : 'hands back the outcome';
      steps.push(arrow(path, holder, actor, handOff, onPort ? details(event) : ['in process'], event.at));
      holder = actor;
    }
    if (event.action === 'received') continue;
    const to = sendsTo(path, event);
    if (to === undefined) {
      steps.push({ kind: 'note', over: event.hop, what: stepText(event), details: details(event), at: event.at });
      continue;
    }
    steps.push(arrow(path, event.hop, to, stepText(event), details(event), event.at));
    if (CONVERSATION_PARTNER[to] === undefined && CONVERSATION_PARTNER[event.hop] === undefined) holder = to;
  }
  return steps;
}
