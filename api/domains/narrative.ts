// 情况说明: the clerk's own text (duties, goals, reasons for changes, other) and the document built from it
// with the budget's figures. The stored narrative has no money in it: it crosses as core's Narrative.
import { z } from 'zod';
import type { Narrative } from '../../core/model';
import { buildNarrative } from '../../core/narrative/build';
import { budgetFigures } from '../../core/narrative/figures';
import { tableFigures } from '../../core/tables';
import type { NarrativeDocument } from '../../core/narrative/types';
import * as edits from '../../db/edits';
import { Refusal } from '../../db/errors';
import {
  NARRATIVE_FIELD_MAX,
  NARRATIVE_LIST_MAX,
  NARRATIVE_PARAGRAPH_MAX,
  NARRATIVE_TITLE_MAX,
  unknownNarrativeKeys,
  unknownNarrativeMessage,
} from '../../core/narrative-keys';
import { method } from '../method';
import { budgetRefSchema as budgetRef, withBudget } from '../schemas';
import { loadDisclosureInputs } from '../../db/disclosure';

const paragraph = z.string().max(NARRATIVE_PARAGRAPH_MAX);
const narrativeList = z.union([z.string().max(NARRATIVE_FIELD_MAX), z.array(paragraph).max(NARRATIVE_LIST_MAX)]).optional();
/** Every key bounded; keys beyond core/narrative-keys.ts (nested ones too) pass the schema only to be refused by
 *  narrative.set (unless they are a free key of an imported file sent back unchanged). */
const narrativeSchema = z
  .object({
    duties: z.array(z.object({ title: z.string().max(NARRATIVE_TITLE_MAX), text: z.string().max(NARRATIVE_FIELD_MAX) }).passthrough()).max(NARRATIVE_LIST_MAX),
    performanceGoals: z.array(paragraph).max(NARRATIVE_LIST_MAX),
    changeReasons: z.object({ basic: paragraph, project: paragraph }).passthrough(),
    other: z.string().max(NARRATIVE_FIELD_MAX),
    threePublicReason: paragraph.optional(),
    performanceGoalDetails: narrativeList,
    performanceMeasures: narrativeList,
    specialFunds: narrativeList,
    glossary: narrativeList,
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
    const unknown = unknownNarrativeKeys(narrative, edits.getNarrative(d, b.id));
    if (unknown.length) throw new Refusal('validation', unknownNarrativeMessage(unknown));
    edits.setNarrative(d, b, narrative);
    return edits.getNarrative(d, b.id) as Narrative;
  }),
  /** The 情况说明 as a structured document (sections → blocks), for preview. */
  'narrative.document': method(z.object({ budget: budgetRef }), ({ budget }, api): NarrativeDocumentDto => {
    const b = loadDisclosureInputs(api.db(), api.budget(budget).id, { withoutLines: true });
    const doc = buildNarrative(b.budget, b.catalogs, { prior: b.prior(), figures: budgetFigures(b.budget, tableFigures(b.budget, b.lines)) });
    const figures = Object.fromEntries(Object.entries(doc.figures).map(([k, f]) => [k, { ...f, fen: f.fen.toString() }]));
    return { ...doc, figures };
  }),
};
