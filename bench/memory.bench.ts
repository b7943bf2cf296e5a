/**
 * Benchmark 4, memory: heap bytes per cached session with 1,000,000 sessions held, and per open
 * Sametime session. Heap figures need full collections (`global.gc`), so the measuring runs in a
 * child process started with `--expose-gc` (`memory.child.ts`): `npm run bench` works as it is.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function run(): Promise<void> {
  const child = fileURLToPath(new URL('./memory.child.ts', import.meta.url));
  const status = await new Promise<number | null>((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', child], {
      stdio: 'inherit',
      env: process.env,
    });
    process_.on('error', reject);
    process_.on('exit', resolve);
  });
  if (status !== 0) throw new Error(`bench: the memory benchmark exited with status ${status}`);
}
