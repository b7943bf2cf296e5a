/**
 * Formatting for the terminal, the HTML report and the benchmarks: every number goes through the
 * one `en-US` formatter here, so output is the same on every machine whatever its locale.
 */
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 12345 -> `12,345` (rounded to a whole number). */
export function count(n: number): string {
  return WHOLE.format(Math.round(n) + 0);
}

/** 1234.56 -> `1,234.6`. */
export function decimal(n: number): string {
  return ONE_DECIMAL.format(n);
}

/** 0.1234 -> `12.3%`. */
export function percent(share: number): string {
  return `${decimal(share * 100)}%`;
}

/** Virtual milliseconds as `hh:mm:ss`, or `hh:mm:ss.mmm` with `millis`. */
export function clockTime(ms: number, millis = false): string {
  const total = Math.floor(ms / 1000);
  const two = (x: number): string => String(x).padStart(2, '0');
  const text = `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
  return millis ? `${text}.${String(Math.floor(ms % 1000)).padStart(3, '0')}` : text;
}

/** A length of time for people: `45 s`, `20 min`, `8 h`, `1 h 30 min`. */
export function duration(ms: number): string {
  if (ms < 60_000) return `${decimal(ms / 1000).replace(/\.0$/, '')} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** Wall time: `850 ms`, `6.2 s`. */
export function wallTime(ms: number): string {
  return ms < 1000 ? `${count(ms)} ms` : `${decimal(ms / 1000)} s`;
}

/**
 * The words of `text` in lines at most `width` long (a longer word gets a line of its own), the
 * first line starting with `first`, the later ones with `later`.
 */
export function wrap(text: string, width: number, first: string, later: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = later + word;
    } else {
      line = empty ? line + word : `${line} ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}
