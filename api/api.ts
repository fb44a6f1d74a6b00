// The API: every channel's method (argument schema + implementation), merged from the domain modules in
// api/domains/. A new channel goes into its domain's module (or a new domain module spread here),
// with its name added to api/channels.ts; the compiler checks the two lists are the same.
import type { z } from 'zod';
import { app } from './domains/app';
import { backup } from './domains/backup';
import { budgets } from './domains/budgets';
import { catalogs } from './domains/catalogs';
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
import { sheets } from './domains/sheets';
import { consolidation } from './domains/consolidation';
import { control } from './domains/control';
import type { CHANNELS } from './channels';
import type { Result } from './result';
import { zodMessage } from './schemas';

export const METHODS = {
  ...app, ...budgets, ...units, ...lines, ...edit, ...catalogs, ...projects, ...procurement, ...narrative,
  ...tables, ...checks, ...years, ...exporting, ...backup, ...importing, ...sheets, ...consolidation, ...control,
};

export type Methods = typeof METHODS;
export type Channel = keyof Methods;

// channels.ts (what the transports read) and the methods are the same set: a channel without a method, or a
// method without a channel, fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
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
