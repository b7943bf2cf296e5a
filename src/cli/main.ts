#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The first Ctrl-C stops the run at its next step and leaves a clean line; a second one kills.
const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort());
process.exitCode = await runCli(process.argv.slice(2), process.stdout, process.stderr, interrupt.signal);
