// All schema migrations, in order. A new step = a new file NNN_name.ts + one line here.
import type { Migration } from './types';
import { migration as m001 } from './001_initial';
import { migration as m002 } from './002_draft_zero_lines';
import { migration as m003 } from './003_lines_totals_index';
import { migration as m004 } from './004_prior_year_partial';
import { migration as m005 } from './005_merge_unit_origin';
import { migration as m006 } from './006_line_totals';
import { migration as m007 } from './007_lines_fast_checks';
import { migration as m008 } from './008_finalize_snapshot';
import { migration as m009 } from './009_control';
import { migration as m010 } from './010_line_grains';

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010];

/** The schema version this build writes; a file above it was made by a newer BudgetDesk. */
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export type { Migration } from './types';
