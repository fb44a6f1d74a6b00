// The API: every channel's method (argument schema + implementation), merged from the domain modules in
// api/domains/. A new channel goes into its domain's module (or a new domain module spread here),
// with its name added to api/channels.ts; the compiler checks the two lists are the same.
import type { z } from 'zod';
import { app } from './domains/app';
import { assets } from './domains/assets';
import { backup } from './domains/backup';
import { budgets } from './domains/budgets';
import { catalogs } from './domains/catalogs';
import { db } from './domains/db';
import { checks } from './domains/checks';
import { edit } from './domains/edit';
import { exporting } from './domains/export';
import { importing } from './domains/import';
import { lines } from './domains/lines';
import { narrative } from './domains/narrative';
import { procurement } from './domains/procurement';
import { projects } from './domains/projects';
import { tables } from './domains/tables';
import { units } from './domains/units';
import { years } from './domains/years';
import { compare } from './domains/compare';
import { sheets } from './domains/sheets';
import { consolidation } from './domains/consolidation';
import { control } from './domains/control';
import type { CHANNELS } from './channels';
import type { Result } from './result';
import { zodMessage } from './schemas';

const DOMAINS = [
  app,
  db,
  budgets,
  units,
  lines,
  edit,
  catalogs,
  projects,
  procurement,
  assets,
  narrative,
  tables,
  checks,
  years,
  compare,
  exporting,
  backup,
  importing,
  sheets,
  consolidation,
  control,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type KeysOfAny<U> = U extends unknown ? keyof U : never;
/** Channels defined by two domains: with a spread, the later would silently win. */
type Twice<D extends readonly object[]> = D extends readonly [infer H, ...infer R extends readonly object[]]
  ? (keyof H & KeysOfAny<R[number]>) | Twice<R>
  : never;
// A channel defined twice fails to compile here, naming the channel.
/** @public (a compile-time check: exported so that it counts as used) */
export const NO_CHANNEL_TWICE: [Twice<typeof DOMAINS>] extends [never] ? true : Twice<typeof DOMAINS> = true;

/** The domains' methods in one map; refuses (at start) a channel defined twice, should a cast hide it from the compiler. */
export function mergeDomains<D extends readonly object[]>(domains: D): UnionToIntersection<D[number]> {
  const all: Record<string, unknown> = {};
  for (const d of domains) {
    for (const [channel, m] of Object.entries(d)) {
      if (channel in all) throw new Error(`channel ${channel} is defined by two API domains`);
      all[channel] = m;
    }
  }
  return all as UnionToIntersection<D[number]>;
}

export const METHODS = mergeDomains(DOMAINS);

export type Methods = typeof METHODS;
export type Channel = keyof Methods;

// channels.ts (what the transports read) and the methods are the same set: a channel without a method, or a
// method without a channel, fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** @public (a compile-time check: exported so that it counts as used) */
export const CHANNELS_MATCH_METHODS: Same<Channel, (typeof CHANNELS)[number]> = true;

/** What the caller passes (defaults optional). */
export type ArgsIn<K extends Channel> = z.input<Methods[K]['args']>;
/** What the implementation receives after validation. */
export type Args<K extends Channel> = z.output<Methods[K]['args']>;
/** What the engine answers: inferred from the implementations. */
export type ResultTypes = { [K in Channel]: Awaited<ReturnType<Methods[K]['run']>> };

/** The engine's handler map as the transports call it: unvalidated input (each handler validates), a Result out. */
export type RawHandlers = { [K in Channel]: (args: unknown) => Promise<Result<ResultTypes[K]>> };

/** Checks one call's argument object against its channel's schema (the engine, for every call). */
export function checkArgs(channel: Channel, args: unknown): Result<unknown> {
  const parsed = (METHODS[channel].args as z.ZodTypeAny).safeParse(args ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: { code: 'invalid_args', ...zodMessage(parsed.error) } };
}
