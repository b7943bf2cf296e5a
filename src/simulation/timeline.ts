import type { LoginStatus } from '../pipeline/login-status.js';
import type { TimelineBucket } from './result.js';

/** Open sessions and login outcomes over the virtual period, in equal slices. */
export class Timeline {
  readonly #endMs: number;
  readonly #peak: number[];
  /** Sessions open after the slice's last change; -1 when nothing changed in it. */
  readonly #last: number[];
  readonly #logins: number[];
  readonly #accepted: number[];
  readonly #serverBusy: number[];
  readonly #failed: number[];

  constructor(endMs: number, slices: number) {
    this.#endMs = endMs;
    this.#peak = new Array<number>(slices).fill(0);
    this.#last = new Array<number>(slices).fill(-1);
    this.#logins = new Array<number>(slices).fill(0);
    this.#accepted = new Array<number>(slices).fill(0);
    this.#serverBusy = new Array<number>(slices).fill(0);
    this.#failed = new Array<number>(slices).fill(0);
  }

  get slices(): number {
    return this.#peak.length;
  }

  #slice(at: number): number {
    const slices = this.#peak.length;
    return Math.min(slices - 1, Math.max(0, Math.floor((at * slices) / this.#endMs)));
  }

  sessionsChanged(open: number, at: number): void {
    const i = this.#slice(at);
    if (open > this.#peak[i]!) this.#peak[i] = open;
    this.#last[i] = open;
  }

  login(status: LoginStatus, at: number): void {
    const i = this.#slice(at);
    this.#logins[i]!++;
    if (status === 'accepted') this.#accepted[i]!++;
    else if (status === 'server-busy') this.#serverBusy[i]!++;
    else if (status === 'failed') this.#failed[i]!++;
  }

  buckets(): TimelineBucket[] {
    const slices = this.#peak.length;
    let open = 0;
    return this.#peak.map((peak, i) => {
      const atStart = open;
      const last = this.#last[i]!;
      open = last < 0 ? atStart : last;
      return {
        startMs: Math.round((i * this.#endMs) / slices),
        endMs: Math.round(((i + 1) * this.#endMs) / slices),
        peakSessions: Math.max(peak, atStart),
        sessionsAtEnd: open,
        logins: this.#logins[i]!,
        accepted: this.#accepted[i]!,
        serverBusy: this.#serverBusy[i]!,
        failed: this.#failed[i]!,
      };
    });
  }
}
