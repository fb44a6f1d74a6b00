// Contract pieces of 审核 (checks), the 情况说明 document and the disclosure HTML/PDF. Spread into
// contract.ts argSchemas / ResultTypes. Kept free of imports from contract.ts (which imports this file).
import { z } from 'zod';
import { budgetRefSchema as budgetRef } from './ref-schemas';
import type { Finding, RuleInfo } from '../../core/checks';
import type { NarrativeDocument } from '../../core/narrative/types';

export const checksArgSchemas = {
  /** Runs every 审核 rule over one budget. */
  'checks.run': z.object({ budget: budgetRef }),
  /** The 情况说明 as a structured document (sections → blocks), for preview. */
  'narrative.document': z.object({ budget: budgetRef }),
  /** The whole disclosure as one HTML document; `pages` (anchor → page) fills in the 目录's page numbers. */
  /** Without `pages`: the pagination pass (placeholder numbers in the 目录); with them: the final document. */
  'disclosure.html': z.object({ budget: budgetRef, pages: z.record(z.string().max(64), z.number().int().min(1).max(100_000)).optional() }),
} as const;

export interface ChecksRunResult {
  summary: { errors: number; hints: number; text: string };
  findings: Finding[];
  rules: RuleInfo[];
}
/** NarrativeDocument with its exact 分 (bigint) as strings. */
export type NarrativeDocumentDto = Omit<NarrativeDocument, 'figures'> & {
  figures: Record<string, { key: string; label: string; fen: string; wan: string }>;
};
export interface DisclosureHtml {
  html: string;
  /** Suggested PDF file name. */
  fileName: string;
  /** Anchors whose page numbers the 目录 shows (see core/export/pdf pdfDestinationPages). */
  anchors: string[];
}

export interface ChecksResults {
  'checks.run': ChecksRunResult;
  'narrative.document': NarrativeDocumentDto;
  'disclosure.html': DisclosureHtml;
}
