import { readFileSync } from 'node:fs';

/** The package's root: `src/cli/` and `dist/cli/` are both two levels down. */
export const PACKAGE_ROOT = new URL('../../', import.meta.url);

/** The version in the package's own package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }).version;
}

/** `bes-collab 0.1.0`. */
export function versionText(): string {
  return `bes-collab ${packageVersion()}\n`;
}

/** `--help`: at most 80 columns wide. */
export const USAGE = `Usage: bes-collab simulate [scenario.json] [options]
       bes-collab trace <device> [scenario.json] [options]
       bes-collab sweep [scenario.json] --max-sessions <values> [options]
       bes-collab worker <postgres-url>
       bes-collab sametime-server --users <users.json> [options]

Simulates BlackBerry devices logging in to IBM Sametime through one BlackBerry
Enterprise Server, on virtual time, and shows what the admission rules did.
Without a scenario file it runs the built-in default scenario.

Commands:
  simulate               the run's figures and charts
  trace <device>         one device's first login, hop by hop, and nothing else;
                         the device is a PIN (21000001), a number (1) or a user
                         id (user1)
  sweep                  run the scenario at every combination of the swept
                         values, on every core, and show a row per point and
                         the Server Busy share against the swept value
  worker <postgres-url>  run the points of sweeps started with --queue, until
                         Ctrl-C (worker --help)
  sametime-server        the simulated Sametime server on a TCP port (1533), for
                         real Sametime clients (sametime-server --help)

Options:
  --seed <n>             the seed (same scenario and seed, same figures)
  --devices <n>          users, one device each (users.count)
  --max-sessions <n>     the BES maximum of simultaneous sessions, or "none"
  --hours <h>            the virtual period, in hours
  --json                 print the figures (or the trace) as one JSON document
  --trace <device>       simulate: also print that device's first login
  --mermaid <file>       write the traced login (or the run's first) as a
                         Mermaid sequence diagram
  --pcap <file>          write the traced login's Sametime connection (port
                         1533; GroupWise: 8300) as a pcap file, for Wireshark
  --html <file>          simulate: write the run as one self-contained HTML page
                         (summary, charts, idle logouts, the traced login)
  --no-progress          no progress bar on standard error
  -h, --help             this text
  -v, --version          the version

Sweep options (values: a list 15,30,45, a range 400..800:50 with both ends,
"none" where the field allows it, or a mix: none,400..800:100):
  --max-sessions <values>        the BES maximum of simultaneous sessions
  --idle-timeout <values>        the idle timeout, in virtual minutes
  --inactivity-timeout <values>  the inactivity timeout, in virtual minutes
  --devices <values>             users, one device each
  --workers <n>                  worker threads (default: one per core)
  --queue <postgres-url>         put the points on a PostgreSQL job queue for
                                 bes-collab worker processes (pg-boss 10)
  --point-timeout <s>            with --queue: a point running longer is taken
                                 as lost and run again (default 900)
  --json                         every point's figures as one JSON document

Exit codes:
  0    done
  1    nothing to trace (the device never logged in), a file not written, or a
       sweep point that failed
  2    a bad command line or scenario file (the message names the field)
  130  interrupted (Ctrl-C)

Scenario files are JSON; every field is optional. The format, field by field:
  https://github.com/bes-collab/bes-collab#the-scenario-format
and as a JSON Schema for editors: bes-collab/scenario.schema.json

Examples (examples/ is in the package, found even where there is none):
  bes-collab simulate
  bes-collab simulate examples/capacity-planning.json
  bes-collab simulate examples/no-maximum.json --json
  bes-collab simulate --devices 5000 --max-sessions 900 --html report.html
  bes-collab trace user3 --mermaid login.mmd
  bes-collab trace 3 --pcap login.pcap
  bes-collab sweep --max-sessions 400..800:50 --idle-timeout 15,30,45
`;
