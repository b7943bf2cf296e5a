import { UsageError } from './usage-error.js';

/** The most points one axis may have: more is a mistyped step, not a plan. */
export const MAX_AXIS_VALUES = 1000;

/** What an axis's values may be: whole numbers (sessions, devices) or minutes; `none` where allowed. */
export interface SweepValueKind {
  readonly whole: boolean;
  readonly none: boolean;
}

/** `x` to the digits a person typed it with, so that `0.1..0.3:0.1` is 0.1, 0.2, 0.3 and not 0.30000000000000004. */
function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

function number(flag: string, item: string, text: string, kind: SweepValueKind): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(n) || n <= 0 || (kind.whole && !Number.isSafeInteger(n))) {
    throw new UsageError(`${flag} ${item}: "${text}" is not a ${kind.whole ? 'whole number' : 'number'} above 0`);
  }
  return n;
}

/** `400..800:50`: from 400 to 800 in steps of 50, both ends included. */
function range(flag: string, item: string, kind: SweepValueKind): number[] {
  const match = /^([^.:]*(?:\.\d+)?)\.\.([^:]*)(?::(.*))?$/.exec(item);
  if (match === null) throw new UsageError(`${flag} ${item}: a range is <from>..<to>:<step>, as in 400..800:50`);
  const [, fromText = '', toText = '', stepText] = match;
  if (stepText === undefined) throw new UsageError(`${flag} ${item}: a range needs a step, as in ${item}:50`);
  const from = number(flag, item, fromText, kind);
  const to = number(flag, item, toText, kind);
  const step = number(flag, item, stepText, kind);
  if (to < from) throw new UsageError(`${flag} ${item}: the range runs backwards (${toText} is below ${fromText})`);
  const places = Math.max(decimals(fromText), decimals(toText), decimals(stepText));
  const scale = 10 ** places;
  const [fromUnits, toUnits, stepUnits] = [from, to, step].map((x) => Math.round(x * scale)) as [
    number,
    number,
    number,
  ];
  const steps = Math.floor((toUnits - fromUnits) / stepUnits);
  if (steps + 1 > MAX_AXIS_VALUES) {
    throw new UsageError(`${flag} ${item}: ${steps + 1} values, more than the ${MAX_AXIS_VALUES} an axis may have`);
  }
  const values = Array.from({ length: steps + 1 }, (_, i) => (fromUnits + i * stepUnits) / scale);
  const last = values[values.length - 1]!;
  if (last !== to) {
    const above = (fromUnits + (steps + 1) * stepUnits) / scale;
    throw new UsageError(
      `${flag} ${item}: ${toText} is not ${fromText} plus whole steps of ${stepText}; ${fromText}..${last}:${stepText} or ${fromText}..${above}:${stepText}`,
    );
  }
  return values;
}

/**
 * The values of a swept option: a comma-separated list of numbers, ranges (`400..800:50`) and, where
 * the field allows it, `none`, as in `15,30,45` or `none,400..800:100`. Throws `UsageError` naming
 * the flag and the bad part for an empty item, a backwards range, a step that misses the end, a
 * value given twice.
 */
export function parseSweepValues(flag: string, text: string, kind: SweepValueKind): (number | null)[] {
  const values: (number | null)[] = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    if (item === '')
      throw new UsageError(`${flag} ${text}: an empty value; give values like 15,30,45 or a range like 400..800:50`);
    if (item === 'none') {
      if (!kind.none) throw new UsageError(`${flag} none: this value cannot be "none"`);
      values.push(null);
    } else if (item.includes('..')) values.push(...range(flag, item, kind));
    else values.push(number(flag, item, item, kind));
  }
  const seen = new Set<number | null>();
  for (const value of values) {
    if (seen.has(value)) throw new UsageError(`${flag} ${text}: ${value ?? 'none'} is given twice`);
    seen.add(value);
  }
  if (values.length > MAX_AXIS_VALUES) {
    throw new UsageError(`${flag} ${text}: ${values.length} values, more than the ${MAX_AXIS_VALUES} an axis may have`);
  }
  return values;
}
