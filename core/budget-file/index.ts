// The budget file (format dept-budget/1, spec/budget-file.md): parse + validate, and serialize.
export { Problems, Reader, TOP_LABELS, type Problem } from './reader';
export type { AddedCode } from '../validate-line';
export { decodeBudgetFile, formatProblems, parseBudgetFile, parseBudgetValue, type ParseBudgetResult } from './parse';
export { readUnits, readProjects } from './units';
export { readAssets, readAssetsAsOf, readNarrative, readProcurement } from './rest';
export { assetToJson, budgetToJson, lineToJson, procurementToJson, serializeBudgetFile, unfinishedForFile } from './serialize';
