// The budget file (format dept-budget/1, spec/budget-file.md): parse + validate, and serialize.
export { BUDGET_FILE_FORMAT, Problems, Reader, TOP_LABELS, type Problem } from './reader';
export type { AddedCode } from '../validate-line';
export { decodeBudgetFile, formatProblems, parseBudgetFile, parseBudgetValue, type CatalogLookup, type ParseBudgetResult } from './parse';
export { readUnits, readProjects } from './units';
export { readLines, type LineContext } from './lines';
export { readAssets, readAssetsAsOf, readNarrative, readPriorYear, readProcurement } from './rest';
export { assetToJson, budgetToJson, lineToJson, procurementToJson, serializeBudgetFile, unfinishedForFile } from './serialize';
