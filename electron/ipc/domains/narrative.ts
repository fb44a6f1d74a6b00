// 情况说明: the clerk's own text (duties, goals, reasons for changes, other) and the document built from it
// with the budget's figures. The stored narrative has no money in it: it crosses as core's Narrative.
import { z } from 'zod';
import type { Narrative } from '../../../core/model';
import { buildNarrative } from '../../../core/narrative/build';
import type { NarrativeDocument } from '../../../core/narrative/types';
import * as edits from '../../../db/edits';
import { method } from '../method';
import { budgetRefSchema as budgetRef, withBudget } from '../schemas';
import { disclosureInputs } from './checks';

const narrativeSchema = z
  .object({
    duties: z.array(z.object({ title: z.string().max(500), text: z.string().max(20000) })).max(200),
    performanceGoals: z.array(z.string().max(5000)).max(200),
    changeReasons: z.object({ basic: z.string().max(5000), project: z.string().max(5000) }),
    other: z.string().max(20000),
  })
  .passthrough();

/** NarrativeDocument with its exact 分 (bigint) as strings. */
export type NarrativeDocumentDto = Omit<NarrativeDocument, 'figures'> & {
  figures: Record<string, { key: string; label: string; fen: string; wan: string }>;
};

export const narrative = {
  'narrative.get': method(withBudget({}), ({ budget }, api) => edits.getNarrative(api.db(), api.budget(budget).id) as Narrative),
  'narrative.set': method(withBudget({ narrative: narrativeSchema }), ({ budget, narrative }, api) => {
    const d = api.db();
    const b = api.writable(budget);
    edits.setNarrative(d, b, narrative);
    return edits.getNarrative(d, b.id) as Narrative;
  }),
  /** The 情况说明 as a structured document (sections → blocks), for preview. */
  'narrative.document': method(z.object({ budget: budgetRef }), ({ budget }, api): NarrativeDocumentDto => {
    const b = disclosureInputs(api, budget);
    const doc = buildNarrative(b.budget, b.catalogs, { prior: b.prior });
    const figures = Object.fromEntries(Object.entries(doc.figures).map(([k, f]) => [k, { ...f, fen: f.fen.toString() }]));
    return { ...doc, figures };
  }),
};
