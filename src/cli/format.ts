/** Formatting for the terminal, the same on every machine (no locale). */

/** 12345 -> `12,345`. */
export function count(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 0.1234 -> `12.3%`. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
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
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** Wall time: `850 ms`, `6.2 s`. */
export function wallTime(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
