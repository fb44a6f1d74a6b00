// Stage import_sheet (issue 13: a 30,000-row sheet imported in < 3 s): the size's lines written as a
// clerk's .xlsx (`code name` cells, amounts as numbers, a 合计 row), then — timed — read by core/sheets
// and stored by db/sheet-import.ts into a copy of the department-year without lines. Setup and the fresh
// copy for the next repetition are outside the clock.
import ExcelJS from 'exceljs';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatYuan } from '../core/money';
import { LINE_KIND_NAMES, SOURCE_NAMES, type Budget } from '../core/model';
import { readLineSheet } from '../core/sheets';
import type { Catalogs } from '../core/catalog';
import { openDatabase, type BudgetDb } from '../db/open';
import { importLineSheet } from '../db/sheet-import';

export interface SheetStageInput {
  dbTemplate: string;
  work: string;
  dept: string;
  year: number;
}

async function sheetOf(budget: Budget, catalogs: Catalogs): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('明细');
  const unitName = new Map(budget.units.map((u) => [u.code, u.name]));
  ws.addRow([`${budget.year}年部门预算明细表`]);
  ws.addRow(['预算单位', '功能分类科目', '经济分类科目', '支出类型', '项目编码', '资金性质', '是否上年结转', '金额', '备注']);
  let total = 0n;
  for (const l of budget.lines) {
    total += l.amount;
    ws.addRow([
      `${l.unit} ${unitName.get(l.unit)}`,
      `${l.function} ${catalogs.function.name(l.function)}`,
      `${l.economic} ${catalogs.economic.name(l.economic)}`,
      LINE_KIND_NAMES[l.kind],
      l.project ?? null,
      SOURCE_NAMES[l.source],
      l.carryover ? '是' : '否',
      Number(formatYuan(l.amount)),
      l.memo ?? null,
    ]);
  }
  ws.addRow(['合计', null, null, null, null, null, null, Number(formatYuan(total)), null]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function importSheetStage(input: SheetStageInput, budget: Budget, catalogs: Catalogs) {
  const bytes = await sheetOf(budget, catalogs);
  const base = join(input.work, 'sheet-base.sqlite');
  copyFileSync(input.dbTemplate, base);
  const b = openDatabase(base, { create: false });
  b.sqlite.prepare('DELETE FROM lines').run();
  b.close();
  const path = (i: number) => join(input.work, `sheet-${i}.sqlite`);
  const dbs = new Map<number, BudgetDb>();
  const prepare = (i: number) => {
    copyFileSync(base, path(i));
    dbs.set(i, openDatabase(path(i), { create: false }));
  };
  prepare(0);
  return {
    async run(i: number) {
      const t0 = performance.now();
      const reading = await readLineSheet(bytes, 'bench.xlsx');
      if (!reading.ok) throw new Error(`bench: sheet refused: ${reading.reason}`);
      const t1 = performance.now();
      const r = await importLineSheet(dbs.get(i)!, reading, { dept: input.dept, year: input.year });
      if (!r.written)
        throw new Error(
          `bench: sheet import refused: ${r.resolved.problems
            .slice(0, 3)
            .map((p) => p.message)
            .join('; ')}`,
        );
      if (r.resolved.lines.length !== budget.lines.length) throw new Error(`bench: ${r.resolved.lines.length} lines imported, ${budget.lines.length} expected`);
      return { read: t1 - t0, check_and_write: performance.now() - t1 };
    },
    after(i: number) {
      dbs.get(i)?.close();
      dbs.delete(i);
      for (const s of ['', '-wal', '-shm']) rmSync(path(i) + s, { force: true });
      prepare(i + 1);
    },
    close() {
      for (const db of dbs.values()) db.close();
    },
  };
}
