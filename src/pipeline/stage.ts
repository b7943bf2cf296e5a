import { PipelineError } from './pipeline-error.js';

/**
 * A hop of the login path: takes a message, answers with the reply (Finagle's Service). `null`
 * means nothing came back: the message was dropped or discarded on the way.
 */
export type Stage<In, Out> = (input: In) => Promise<Out>;

/**
 * A hop that wraps the rest of the path (Finagle's Filter): it may change the message on the way
 * in and the reply on the way out, or answer without calling `next` at all.
 */
export type Filter<In, Out, NextIn, NextOut> = (input: In, next: Stage<NextIn, NextOut>) => Promise<Out>;

/** A filter that passes the same types on as it takes (Finagle's SimpleFilter): relays, latency, loss, recorders. */
export type SimpleFilter<Req, Rep> = Filter<Req, Rep, Req, Rep>;

/** The answer of a hop that lost the message or could not open it, settled: nothing came back (`null`). */
export const NOTHING_CAME_BACK: Promise<null> = Promise.resolve(null);

const LAYER: unique symbol = Symbol('bes-collab.layer');

/**
 * A hop built around the rest of the path once, when the pipe is put together (tower's Layer),
 * rather than handed `next` per message: for a hop that also calls the rest of the path on its own,
 * as the Collaboration Service does when it logs out an idle session or one closed elsewhere.
 */
export interface Layer<In, Out, NextIn, NextOut> {
  /** Brands a `Layer`, so `pipe` builds it around the rest of the path instead of chaining it. */
  readonly [LAYER]: true;
  (next: Stage<NextIn, NextOut>): Stage<In, Out>;
}

/** Marks `wire` as a `Layer`, so `pipe` builds it around the rest of the path instead of chaining it. */
export function layer<In, Out, NextIn, NextOut>(
  wire: (next: Stage<NextIn, NextOut>) => Stage<In, Out>,
): Layer<In, Out, NextIn, NextOut> {
  return Object.assign(wire, { [LAYER]: true as const });
}

/** Anything `pipe` can put in front of the rest of the path. */
export type Hop<In, Out, NextIn, NextOut> = Filter<In, Out, NextIn, NextOut> | Layer<In, Out, NextIn, NextOut>;

function isLayer(hop: unknown): hop is Layer<unknown, unknown, unknown, unknown> {
  return typeof hop === 'function' && LAYER in hop;
}

/**
 * Puts `filter` in front of `next`. Like koa-compose it catches misuse early: a filter that calls
 * `next` twice for one message gets a `PipelineError('next-called-twice')`; and a filter that is
 * not `async` (a relay that answers with `.then`) and throws rejects, as an `async` one would.
 */
function chain<In, Out, NextIn, NextOut>(
  filter: Filter<In, Out, NextIn, NextOut>,
  next: Stage<NextIn, NextOut>,
): Stage<In, Out> {
  const name = filter.name || 'filter';
  return function chained(input: In): Promise<Out> {
    let called = false;
    try {
      return filter(input, (inner: NextIn) => {
        if (called) {
          return Promise.reject(new PipelineError('next-called-twice', `${name} called next() twice for one message`));
        }
        called = true;
        return next(inner);
      });
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/**
 * Composes hops left to right, ending in a stage (Finagle's `andThen`): `pipe(a, b, service)` is
 * the stage that runs `a`, whose `next` runs `b`, whose `next` runs `service`. Each hop's reply
 * type must be what the hop before it expects back.
 */
export function pipe<A, B>(service: Stage<A, B>): Stage<A, B>;
export function pipe<A, B, C, D>(h1: Hop<A, B, C, D>, service: Stage<C, D>): Stage<A, B>;
export function pipe<A, B, C, D, E, F>(h1: Hop<A, B, C, D>, h2: Hop<C, D, E, F>, service: Stage<E, F>): Stage<A, B>;
export function pipe<A, B, C, D, E, F, G, H>(
  h1: Hop<A, B, C, D>,
  h2: Hop<C, D, E, F>,
  h3: Hop<E, F, G, H>,
  service: Stage<G, H>,
): Stage<A, B>;
export function pipe<A, B, C, D, E, F, G, H, I, J>(
  h1: Hop<A, B, C, D>,
  h2: Hop<C, D, E, F>,
  h3: Hop<E, F, G, H>,
  h4: Hop<G, H, I, J>,
  service: Stage<I, J>,
): Stage<A, B>;
export function pipe<A, B, C, D, E, F, G, H, I, J, K, L>(
  h1: Hop<A, B, C, D>,
  h2: Hop<C, D, E, F>,
  h3: Hop<E, F, G, H>,
  h4: Hop<G, H, I, J>,
  h5: Hop<I, J, K, L>,
  service: Stage<K, L>,
): Stage<A, B>;
export function pipe<A, B, C, D, E, F, G, H, I, J, K, L, M, N>(
  h1: Hop<A, B, C, D>,
  h2: Hop<C, D, E, F>,
  h3: Hop<E, F, G, H>,
  h4: Hop<G, H, I, J>,
  h5: Hop<I, J, K, L>,
  h6: Hop<K, L, M, N>,
  service: Stage<M, N>,
): Stage<A, B>;
export function pipe<A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P>(
  h1: Hop<A, B, C, D>,
  h2: Hop<C, D, E, F>,
  h3: Hop<E, F, G, H>,
  h4: Hop<G, H, I, J>,
  h5: Hop<I, J, K, L>,
  h6: Hop<K, L, M, N>,
  h7: Hop<M, N, O, P>,
  service: Stage<O, P>,
): Stage<A, B>;
export function pipe<A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R>(
  h1: Hop<A, B, C, D>,
  h2: Hop<C, D, E, F>,
  h3: Hop<E, F, G, H>,
  h4: Hop<G, H, I, J>,
  h5: Hop<I, J, K, L>,
  h6: Hop<K, L, M, N>,
  h7: Hop<M, N, O, P>,
  h8: Hop<O, P, Q, R>,
  service: Stage<Q, R>,
): Stage<A, B>;
export function pipe<A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T>(
  h1: Hop<A, B, C, D>,
  h2: Hop<C, D, E, F>,
  h3: Hop<E, F, G, H>,
  h4: Hop<G, H, I, J>,
  h5: Hop<I, J, K, L>,
  h6: Hop<K, L, M, N>,
  h7: Hop<M, N, O, P>,
  h8: Hop<O, P, Q, R>,
  h9: Hop<Q, R, S, T>,
  service: Stage<S, T>,
): Stage<A, B>;
export function pipe(...hops: unknown[]): Stage<unknown, unknown> {
  let rest = hops.at(-1) as Stage<unknown, unknown> | undefined;
  if (typeof rest !== 'function') throw new TypeError('pipe needs at least a stage to end in');
  for (let i = hops.length - 2; i >= 0; i--) {
    const hop = hops[i];
    if (isLayer(hop)) rest = hop(rest);
    else if (typeof hop === 'function') rest = chain(hop as Filter<unknown, unknown, unknown, unknown>, rest);
    else throw new TypeError(`pipe: hop ${i + 1} is not a function`);
  }
  return rest;
}

/** Joins two hops into one that goes in front of the rest of the path (`andThen` between filters). */
export function andThen<A, B, C, D, E, F>(first: Hop<A, B, C, D>, second: Hop<C, D, E, F>): Hop<A, B, E, F> {
  if (isLayer(first) || isLayer(second)) {
    return layer<A, B, E, F>((next) => pipe(first, second, next));
  }
  const outer = first as Filter<A, B, C, D>;
  const inner = second as Filter<C, D, E, F>;
  const name = outer.name || 'filter';
  return function joined(input: A, next: Stage<E, F>): Promise<B> {
    let called = false;
    try {
      return outer(input, (mid: C) => {
        if (called) {
          return Promise.reject(new PipelineError('next-called-twice', `${name} called next() twice for one message`));
        }
        called = true;
        try {
          return inner(mid, next);
        } catch (error) {
          return Promise.reject(error);
        }
      });
    } catch (error) {
      return Promise.reject(error);
    }
  };
}
