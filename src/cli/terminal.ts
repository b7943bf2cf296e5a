/** What the CLI may do on one of its output streams. */
export interface Terminal {
  /** A terminal a person is looking at, not a pipe or a file. */
  readonly interactive: boolean;
  /** Its width in columns; 80 when it says nothing (a pipe, a file). */
  readonly columns: number;
  /** It understands cursor and erase sequences (`\x1b[K`): not with `TERM=dumb`. */
  readonly ansi: boolean;
  /** Colour is welcome: an interactive ANSI terminal, and `NO_COLOR` not set (https://no-color.org). */
  readonly color: boolean;
}

/** The width assumed when the stream has none. */
export const DEFAULT_COLUMNS = 80;
/** Below this the charts and the trace do not get narrower. */
export const MIN_COLUMNS = 40;

/** The stream as a terminal, judged from the stream itself and the environment. */
export function terminalOf(
  stream: { readonly isTTY?: boolean; readonly columns?: number },
  env: Readonly<Record<string, string | undefined>> = process.env,
): Terminal {
  const interactive = stream.isTTY === true;
  const columns =
    interactive && typeof stream.columns === 'number' && stream.columns > 0 ? stream.columns : DEFAULT_COLUMNS;
  const ansi = interactive && env['TERM'] !== 'dumb';
  const color = ansi && (env['NO_COLOR'] ?? '') === '';
  return { interactive, columns, ansi, color };
}

/** Text in a colour (an SGR code) on a terminal that wants colour; as it is otherwise. */
export function paint(terminal: Terminal, sgr: string, text: string): string {
  return terminal.color && text !== '' ? `\x1b[${sgr}m${text}\x1b[0m` : text;
}

/**
 * Control characters (C0, DEL, C1) and Unicode bidirectional controls written as escapes (`\x1b`,
 * `\n`, `\u202e`), so that text from a scenario file or the command line cannot move the
 * cursor, retitle the window, reorder what follows or start a new line on the terminal.
 */
export function escapeControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
