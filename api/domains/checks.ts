// 审核 and the whole disclosure as HTML. The PDF itself is printed by the transport (Electron main:
// printToPDF twice — first to read the 目录 page numbers with pdfDestinationPages, then with them via
// `pages`; the engine: core/export/pdf exportDisclosurePdf, see domains/export.ts).
import { z } from 'zod';
import { ruleList, runChecks, summarizeFindings } from '../../core/checks';
import { disclosureHtmlFromModel, disclosureModel } from '../../core/export/pdf/html';
import { deriveTables, tableFigures } from '../../core/tables';
import { loadDisclosureInputs } from '../../db/disclosure';
import { disclosurePdfName } from '../file-names';
import { method } from '../method';
import { budgetRefSchema as budgetRef } from '../schemas';

export const checks = {
  /** Runs every 审核 rule over one budget. */
  'checks.run': method(z.object({ budget: budgetRef }), ({ budget }, api) => {
    const b = loadDisclosureInputs(api.db(), api.budget(budget).id, { withoutLines: true });
    const findings = runChecks(b.budget, b.catalogs, b.prior(), { lines: b.lines });
    return { summary: summarizeFindings(findings), findings, rules: ruleList() };
  }),
  /** The whole disclosure as one HTML document. Without `pages` (anchor → page): the pagination pass
   *  (placeholder numbers in the 目录); with them: the final document. `anchors`: the 目录's entries. */
  'disclosure.html': method(
    z.object({ budget: budgetRef, pages: z.record(z.string().max(64), z.number().int().min(1).max(100_000)).optional() }),
    ({ budget, pages }, api) => {
      const b = loadDisclosureInputs(api.db(), api.budget(budget).id, { withoutLines: true });
      const tf = tableFigures(b.budget, b.lines); // one derivation for the tables and the 情况说明
      const m = disclosureModel({ budget: b.budget, catalogs: b.catalogs, tables: deriveTables(b.budget, b.catalogs, tf), tableFigures: tf, prior: b.prior() });
      return {
        html: disclosureHtmlFromModel(m, { pages: pages ?? 'placeholder' }),
        fileName: disclosurePdfName(b.budget),
        anchors: m.toc.map((e) => e.anchor),
      };
    },
  ),
};
