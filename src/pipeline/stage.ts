import { PipelineError } from './pipeline-error.js';

/**
 * A hop of the login path: takes a message, answers with the reply (Finagle's Service). `null`
 * means nothing came back: the message was dropped or discarded on the way.
 */
export type Stage<In, Out> = (input: In) => Promise<Out>;

/**
 * A hop that wraps the rest of the path: it may change the message on the way in and the reply on
 * the way out, or answer without calling `next` at all.
 */
export type Filter<In, Out, NextIn, NextOut> = (input: In, next: Stage<NextIn, NextOut>) => Promise<Out>;

/**
 * Puts `filter` in front of `next`. Like koa-compose it catches misuse early: a filter that calls
 * `next` twice for one message gets a `PipelineError('next-called-twice')`.
 */
export function chain<In, Out, NextIn, NextOut>(
  filter: Filter<In, Out, NextIn, NextOut>,
  next: Stage<NextIn, NextOut>,
): Stage<In, Out> {
  const name = filter.name || 'filter';
  return function chained(input: In): Promise<Out> {
    let called = false;
    return filter(input, (inner: NextIn) => {
      if (called) {
        return Promise.reject(new PipelineError('next-called-twice', `${name} called next() twice for one message`));
      }
      called = true;
      return next(inner);
    });
  };
}
