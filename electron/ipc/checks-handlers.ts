// Handlers of 审核, the 情况说明 document and the disclosure HTML. The PDF itself is printed by the
// transport (Electron main: printToPDF twice — first to read the 目录 page numbers with
// pdfDestinationPages, then with them via `pages`; CLI: core/export/pdf exportDisclosurePdf).
import { ruleList, runChecks, summarizeFindings } from '../../core/checks';
import { disclosureHtmlFromModel, disclosureModel } from '../../core/export/pdf/html';
import { buildNarrative } from '../../core/narrative/build';
import { deriveTables, tableFigures } from '../../core/tables';
import { loadBudgetById } from '../../db/budgets';
import { getCatalogs } from '../../db/catalogs';
import { priorFiguresFor } from '../../db/years';
import type { BudgetRef } from './contract';
import { disclosurePdfName } from './file-names';
import type { EngineApi, ImplMap } from './handlers';

export function checksHandlers(api: EngineApi): ImplMap<'checks.run' | 'narrative.document' | 'disclosure.html'> {
  const load = (ref: BudgetRef) => {
    const info = api.budget(ref);
    const db = api.db();
    const budget = loadBudgetById(db, info.id);
    return { info, budget, catalogs: getCatalogs(db, budget.year), prior: priorFiguresFor(db, info.id) };
  };
  return {
    'checks.run': ({ budget }) => {
      const b = load(budget);
      const findings = runChecks(b.budget, b.catalogs, b.prior);
      return { summary: summarizeFindings(findings), findings, rules: ruleList() };
    },
    'narrative.document': ({ budget }) => {
      const b = load(budget);
      const doc = buildNarrative(b.budget, b.catalogs, { prior: b.prior });
      const figures = Object.fromEntries(Object.entries(doc.figures).map(([k, f]) => [k, { ...f, fen: f.fen.toString() }]));
      return { ...doc, figures };
    },
    'disclosure.html': ({ budget, pages }) => {
      const b = load(budget);
      const tf = tableFigures(b.budget); // one pass over the lines for the tables and the 情况说明
      const m = disclosureModel({ budget: b.budget, catalogs: b.catalogs, tables: deriveTables(b.budget, b.catalogs, tf), tableFigures: tf, prior: b.prior });
      return {
        html: disclosureHtmlFromModel(m, { pages: pages ?? 'placeholder' }),
        fileName: disclosurePdfName(b.budget),
        anchors: m.toc.map((e) => e.anchor),
      };
    },
  };
}
