import { PipelineError } from './pipeline-error.js';
import type { Tracer } from './trace.js';

/** Anything but a `PipelineError` came from a session or permission store. */
export function asPipelineError(error: unknown): PipelineError {
  if (error instanceof PipelineError) return error;
  return new PipelineError(
    'store-failed',
    `a session or permission store failed during the operation: ${error instanceof Error ? error.name : typeof error}`,
    { hop: 'collaboration-service', cause: error },
  );
}

/**
 * The Collaboration Service's one way of turning an unexpected failure (a store, or the backend)
 * into what the device is told: reported as a typed error event at the hop that failed (the
 * service for its stores, the backend's own hop for the backend), answered as Failed.
 */
export class ServiceFailures {
  readonly #service: Tracer;
  readonly #backend: Tracer;

  constructor(service: Tracer, backend: Tracer) {
    this.#service = service;
    this.#backend = backend;
  }

  /** Reports `error` for `pin` (if any) and returns the Failed reply's fields. */
  report(pin: string | undefined, error: unknown): { readonly status: 'failed'; readonly reason: string } {
    const typed = asPipelineError(error);
    const tracer = typed.code === 'backend-failed' || typed.code === 'backend-timeout' ? this.#backend : this.#service;
    if (tracer.on)
      tracer.emit({ direction: 'reply', action: 'error', outcome: typed.code, ...(pin === undefined ? {} : { pin }) });
    return { status: 'failed', reason: typed.code };
  }
}
