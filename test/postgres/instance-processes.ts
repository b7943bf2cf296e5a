/** BES instances in child processes of their own (bes-instance.child.ts), for the tests that need several processes. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage } from './bes-instance.child.js';

const script = fileURLToPath(new URL('./bes-instance.child.ts', import.meta.url));

/** One child process running one BES instance at a time. */
export class InstanceProcess {
  readonly #child: ChildProcess;
  #waiting: { resolve: (m: ChildMessage) => void; reject: (e: Error) => void } | undefined;
  #exited: Promise<void>;

  constructor() {
    this.#child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#child.on('message', (message: ChildMessage) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      if (message.kind === 'failed') waiting?.reject(new Error(`instance process failed: ${message.message}`));
      else waiting?.resolve(message);
    });
    this.#exited = new Promise((resolve) => this.#child.once('exit', () => resolve()));
    void this.#exited.then(() => this.#waiting?.reject(new Error('instance process exited')));
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Sends `message` and waits for the answer of `kind`. */
  async ask<K extends ChildMessage['kind']>(
    message: ParentMessage,
    kind: K,
  ): Promise<Extract<ChildMessage, { kind: K }>> {
    if (this.#waiting !== undefined) throw new Error('one question at a time');
    const answer = new Promise<ChildMessage>((resolve, reject) => (this.#waiting = { resolve, reject }));
    this.#child.send(message);
    const got = await answer;
    if (got.kind !== kind) throw new Error(`expected ${kind}, got ${got.kind}`);
    return got as Extract<ChildMessage, { kind: K }>;
  }

  /** Sends a message without waiting for an answer. */
  tell(message: ParentMessage): void {
    this.#child.send(message);
  }

  /** Killed at once, as a crash would: no cleanup of its own. */
  async kill(): Promise<void> {
    this.#child.kill('SIGKILL');
    await this.#exited;
  }

  /** Ends the process politely. */
  async close(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.disconnect();
    await this.#exited;
  }
}

/** `count` instance processes, started together. */
export function startInstances(count: number): InstanceProcess[] {
  return Array.from({ length: count }, () => new InstanceProcess());
}
