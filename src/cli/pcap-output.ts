import { writeFile } from 'node:fs/promises';
import { PcapRecorder } from '../sametime/capture/pcap-recorder.js';
import type { LinkCapture } from '../sametime/link/sametime-link.js';
import type { LoginTrace } from '../simulation/result.js';
import type { Clock } from '../time/clock.js';

/** `--pcap <file>`: the traced login's 1533 connection, as a pcap file Wireshark opens. */
export interface TracedLoginPcap {
  /** For `runScenario`'s `captureTracedLogin`. */
  readonly captureTracedLogin: (clock: Clock) => LinkCapture;
  /** Writes the file; returns the exit code (1 when the login never reached Sametime or the file cannot be written). */
  write(
    file: string,
    trace: LoginTrace,
    out: NodeJS.WritableStream,
    err: NodeJS.WritableStream,
    quiet: boolean,
  ): Promise<number>;
}

/** `port`: where the in-process link's server listens in the file (1533; 8300 for GroupWise, whose sealed stand-in records Wireshark shows as bytes). */
export function tracedLoginPcap(port = 1533): TracedLoginPcap {
  let recorder: PcapRecorder | undefined;
  return {
    captureTracedLogin(clock) {
      recorder = new PcapRecorder({ clock, serverPort: port });
      return recorder.capture;
    },
    async write(file, trace, out, err, quiet) {
      if (recorder === undefined || recorder.streams === 0) {
        err.write(
          `bes-collab: ${trace.pin}'s first login (${trace.status}) never reached its IM server: no ${port} traffic for ${file}\n`,
        );
        return 1;
      }
      try {
        await writeFile(file, recorder.finish());
      } catch (error) {
        err.write(`bes-collab: cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
        return 1;
      }
      if (!quiet)
        out.write(
          `\n${trace.pin}'s ${port} connection (${recorder.packets} packets) written to ${file}: open it in Wireshark\n`,
        );
      return 0;
    },
  };
}
