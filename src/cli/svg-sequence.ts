import type { Hop } from './hops.js';
import type { LoginTrace } from '../simulation/result.js';
import { clockTime } from './format.js';
import { pathHops, type HopInfo } from './hops.js';
import { loginSequence } from './login-sequence.js';
import { escapeXml } from './markup.js';

const GUTTER = 100;
const COLUMN = 160;
/** Room on the right for the labels of the arrows to the last hop. */
const MARGIN = 90;
const HEAD = 56;
const ROW = 30;
/** About how wide a character of the 11 px labels is, to size the notes. */
const CHARACTER = 6.2;

function column(path: readonly HopInfo[], hop: Hop): number {
  return GUTTER + COLUMN / 2 + path.findIndex((h) => h.hop === hop) * COLUMN;
}

/** The name of a hop in a participant box: one line, or two split where the longer is shortest. */
function nameLines(name: string): string[] {
  const words = name.split(' ');
  if (words.length <= 2 && name.length <= 18) return [name];
  let best = [name];
  for (let cut = 1; cut < words.length; cut++) {
    const lines = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    if (Math.max(...lines.map((l) => l.length)) < Math.max(...best.map((l) => l.length))) best = lines;
  }
  return best;
}

/**
 * One device's login as an SVG sequence diagram, the same steps as the Mermaid one: a participant
 * per hop, an arrow for every hop the login crosses in and back, a note for the decisions, and the
 * step's virtual time in the left margin when it changes.
 */
export function sequenceSvg(trace: LoginTrace): string {
  const steps = loginSequence(trace);
  const path = pathHops(trace.events);
  const width = GUTTER + COLUMN * path.length + MARGIN;
  const height = HEAD + ROW * (steps.length + 1);
  const parts: string[] = [
    '<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z"/></marker></defs>',
  ];
  for (const { hop, name } of path) {
    const x = column(path, hop);
    const label = hop === 'device' ? `${name} ${trace.pin}` : name;
    const lines = nameLines(label);
    parts.push(`<rect class="participant" x="${x - COLUMN / 2 + 8}" y="4" width="${COLUMN - 16}" height="40" rx="4"/>`);
    lines.forEach((line, i) => {
      const ly = lines.length === 1 ? 29 : 21 + i * 15;
      parts.push(`<text class="participant-name" x="${x}" y="${ly}" text-anchor="middle">${escapeXml(line)}</text>`);
    });
    parts.push(`<line class="lifeline" x1="${x}" x2="${x}" y1="44" y2="${height - 6}"/>`);
  }
  let shownAt: number | undefined;
  steps.forEach((step, i) => {
    const y = HEAD + ROW * i + 18;
    const text = escapeXml([step.what, ...step.details].join(' · '));
    const time = shownAt === step.at ? '' : clockTime(step.at, true);
    shownAt = step.at;
    parts.push(`<text class="step-time" x="6" y="${y + 4}">${i + 1}${time === '' ? '' : `  ${time}`}</text>`);
    if (step.kind === 'note') {
      const x = column(path, step.over);
      const w = Math.max(60, text.length * CHARACTER + 16);
      parts.push(
        `<g class="step note" data-step="${i + 1}"><rect x="${x - w / 2}" y="${y - 12}" width="${w}" height="20" rx="3"/>` +
          `<text x="${x}" y="${y + 2}" text-anchor="middle">${text}</text></g>`,
      );
      return;
    }
    const x1 = column(path, step.from);
    const x2 = column(path, step.to);
    const inset = x2 > x1 ? 4 : -4;
    parts.push(
      `<g class="step arrow${step.back ? ' back' : ''}" data-step="${i + 1}" data-from="${step.from}" data-to="${step.to}">` +
        `<line x1="${x1 + inset}" x2="${x2 - inset}" y1="${y + 6}" y2="${y + 6}" marker-end="url(#arrowhead)"/>` +
        `<text x="${(x1 + x2) / 2}" y="${y}" text-anchor="middle">${text}</text></g>`,
    );
  });
  return (
    `<svg id="sequence" class="sequence" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" ` +
    `aria-label="${escapeXml(`The login of device ${trace.pin} (${trace.userId}), hop by hop: ${trace.status}`)}" xmlns="http://www.w3.org/2000/svg">` +
    `${parts.join('')}</svg>`
  );
}
