// The UI's write path: small edits of one budget, each ONE transaction, each validated by the same rules as
// the budget-file import, so a value is accepted or refused with the same Chinese reason whichever way it
// arrives; undoable through db/undo.ts. One module per entity; this one gathers them for the API.
export * from './budget-info';
export * from './create-budget';
export * from './undo';
export * from './edit-units';
export * from './edit-lines';
export * from './budget-totals';
export * from './edit-projects';
export * from './edit-procurement';
export * from './edit-narrative';
