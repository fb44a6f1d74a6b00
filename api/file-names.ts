// Names of exported files, one place for the handler modules that build them.
import type { Budget } from '../core/model';

/** File names the clerk will see in the save dialog; characters Windows refuses are replaced. */
export const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();

/** The disclosure PDF, whichever transport prints it (Electron's printToPDF or the system Chromium). */
export const disclosurePdfName = (b: Pick<Budget, 'department' | 'year'>) => safeName(`${b.department.code}${b.department.name}${b.year}年部门预算公开.pdf`);

/** A unit's 下发 starter file (core/control/handout.ts): department, year and unit in its name. */
export const handoutFileName = (b: Pick<Budget, 'department' | 'year' | 'units'>) =>
  safeName(`${b.department.code}${b.department.name}${b.year}年-${b.units[0]?.code ?? ''}${b.units[0]?.name ?? ''}-下发.budget.json`);
