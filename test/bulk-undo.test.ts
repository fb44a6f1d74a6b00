// Bulk writes through the real browser-mode HTTP server over a real SQLite file (issue 20, point 2 and 3):
// paste, 合并单位预算, 复制指标, 覆盖导入 and 新建年度 are each ONE undo step that brings the budget back exactly
// (its budget file, read back, is identical) and redo repeats it; 覆盖 and 合并 write a backup first whose reason
// the backup list shows; a unit file merged twice, or a department-year imported again without 覆盖, is refused
// with nothing written; unit and project codes may hold '-'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../api/handlers';
import type { RunningServer } from '../server/http';
import { tempDir } from './helpers/db';
import { fixtureText } from './helpers/fixture';
import { apiValue, postApi, serveNewDatabase } from './helpers/http-api';
import { departmentDoc, splitByUnit } from './helpers/multi-unit';

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let srv: RunningServer;

const api = (channel: string, args: unknown) => postApi(srv, channel, args);
const value = (channel: string, args: unknown) => apiValue(srv, channel, args);
/** The whole department-year as its budget file: what "exactly as before" is compared on. */
async function fileOf(budget: { dept: string; year: number }): Promise<unknown> {
  const f = await value('export.budgetFile', { budget });
  return JSON.parse(Buffer.from(f.data, 'base64').toString('utf8'));
}
const reasons = async () => ((await value('backup.list', {})).backups as { reasonName: string }[]).map((b) => b.reasonName);

const B = { dept: '711', year: 2025 };

beforeAll(async () => {
  tmp = tempDir();
  ({ engine, srv } = await serveNewDatabase(tmp, 'bulk.sqlite', 16 * 1024 * 1024));
  await value('import.budgetFile', { fileName: 'a.budget.json', text: fixtureText() });
});
afterAll(async () => {
  await srv.close();
  engine.close();
  tmp.cleanup();
});

describe('every bulk write is one undo step', () => {
  it('覆盖导入: the confirmation names what goes; a 覆盖导入前 backup first; undo brings lines, projects and 情况说明 back; redo replaces again', async () => {
    const before = await fileOf(B);
    const doc = JSON.parse(fixtureText());
    doc.lines = doc.lines.slice(0, 3);
    doc.narrative.duties = [{ title: '主要职责', text: '新的职责文字' }];
    const text = JSON.stringify(doc);
    const replaced = await value('import.replaced', { fileName: 'b.budget.json', text });
    expect(replaced).toMatchObject({ dept: '711', year: 2025, lines: 10, projects: 1 });
    expect(replaced.narrative.length).toBeGreaterThan(0);
    const refused = await api('import.budgetFile', { fileName: 'b.budget.json', text });
    expect(refused.ok).toBe(false);
    expect(refused.error.message).toContain('未导入；如需覆盖请选择替换');

    const r = await value('import.budgetFile', { fileName: 'b.budget.json', text, replace: true });
    expect(r).toMatchObject({ replaced: true, undoable: true });
    expect(r.backup).toMatch(/before-replace\.sqlite$/);
    expect(await reasons()).toContain('覆盖导入前');
    const after = await fileOf(B);
    expect((after as { lines: unknown[] }).lines).toHaveLength(3);

    expect(await value('edit.state', { budget: B })).toMatchObject({ canUndo: true, undoLabel: '覆盖导入预算文件' });
    await value('edit.undo', { budget: B });
    expect(await fileOf(B)).toEqual(before);
    await value('edit.redo', { budget: B });
    expect(await fileOf(B)).toEqual(after);
    await value('edit.undo', { budget: B });
    expect(await fileOf(B)).toEqual(before);
  });

  it('paste: many lines added are one step', async () => {
    const before = await fileOf(B);
    const lines = Array.from({ length: 40 }, (_, i) => ({
      unit: '711001',
      function: '2012901',
      economic: '30201',
      kind: '基本支出',
      source: '一般公共预算拨款',
      amount: `${i + 1}.00`,
    }));
    await value('lines.add', { budget: B, lines });
    expect(await value('edit.state', { budget: B })).toMatchObject({ undoLabel: '添加 40 条明细' });
    await value('edit.undo', { budget: B });
    expect(await fileOf(B)).toEqual(before);
  });

  it('复制指标: one step', async () => {
    const projects = await value('projects.list', { budget: B });
    const code = projects[0].code;
    await value('projects.add', { budget: B, project: { code: 'P-COPY-1', name: '复制目标', unit: projects[0].unit } });
    const before = await fileOf(B);
    const r = await value('projects.copyIndicators', { budget: B, code: 'P-COPY-1', from: { code } });
    expect(r.copied).toBeGreaterThan(0);
    await value('edit.undo', { budget: B });
    expect(await fileOf(B)).toEqual(before);
  });

  it('新建年度 from last year: one step; undo removes the new year', async () => {
    const r = await value('years.create', { dept: '711', fromYear: 2025, toYear: 2026, zeroAmounts: false });
    expect(r.status).toBe('created');
    const next = { dept: '711', year: 2026 };
    expect(await value('edit.state', { budget: next })).toMatchObject({ canUndo: true, undoLabel: '新建 2026 年度' });
    await value('edit.undo', { budget: next });
    const years = ((await value('budgets.list', {})) as { dept: string; year: number }[]).filter((b) => b.dept === '711').map((b) => b.year);
    expect(years).toEqual([2025]);
    // The year can be created again afterwards.
    expect((await value('years.create', { dept: '711', fromYear: 2025, toYear: 2026, zeroAmounts: false })).status).toBe('created');
  });
});

describe('too large for the undo log', () => {
  it('a paste of more than 20,000 lines is backed up first (粘贴前) instead, and the history is dropped', async () => {
    const budget = { dept: '711', year: 2027 };
    await value('budgets.create', { deptCode: '711', deptName: '工会部门', year: 2027 });
    await value('units.add', { budget, unit: { code: '711001', name: '本级' } });
    expect((await value('edit.state', { budget })).canUndo).toBe(true);
    const lines = Array.from({ length: 20_001 }, (_, i) => ({
      unit: '711001',
      function: '2012901',
      economic: '30201',
      kind: 'basic',
      source: 'general',
      amount: `${(i % 900) + 1}.00`,
    }));
    const before = (await reasons()).filter((r) => r === '粘贴前').length;
    expect((await value('lines.add', { budget, lines })).ids).toHaveLength(20_001);
    expect((await reasons()).filter((r) => r === '粘贴前')).toHaveLength(before + 1);
    expect((await value('edit.state', { budget })).canUndo).toBe(false);
  });
});

describe('合并单位预算', () => {
  const doc = departmentDoc('721', '街道办事处', 11);
  const parts = splitByUnit(doc);
  const D = { dept: doc.department.code, year: doc.year as number };

  it('is one undo step after a 合并前 backup; the same unit file again is refused, nothing written', async () => {
    await value('import.budgetFile', { fileName: 'u0.budget.json', text: JSON.stringify(parts[0]) });
    const before = await fileOf(D);
    const merged = await value('merge.apply', { fileName: 'u1.budget.json', text: JSON.stringify(parts[1]) });
    expect(merged.ok).toBe(true);
    expect(merged.backup).toMatch(/before-merge\.sqlite$/);
    expect(await reasons()).toContain('合并前');
    const after = await fileOf(D);

    const again = await value('merge.apply', { fileName: 'u1.budget.json', text: JSON.stringify(parts[1]) });
    expect(again.ok).toBe(false);
    expect(again.message).toContain('已有以下单位');
    expect(await fileOf(D)).toEqual(after);

    expect(await value('edit.state', { budget: D })).toMatchObject({ undoLabel: '合并单位预算' });
    await value('edit.undo', { budget: D });
    expect(await fileOf(D)).toEqual(before);
    await value('edit.redo', { budget: D });
    expect(await fileOf(D)).toEqual(after);
  });
});

describe("codes with '-'", () => {
  it('a budget file with unit and project codes holding - imports; units.add takes one; a code starting with - is refused', async () => {
    const doc = JSON.parse(fixtureText());
    doc.department = { code: '733', name: '街道办事处' };
    const unit = doc.units[0].code;
    const newUnit = 'D-1';
    doc.units[0].code = newUnit;
    for (const l of doc.lines) if (l.unit === unit) l.unit = newUnit;
    for (const p of doc.projects) {
      if (p.unit === unit) p.unit = newUnit;
      const old = p.code;
      p.code = `D-P${doc.projects.indexOf(p) + 1}`;
      for (const l of doc.lines) if (l.project === old) l.project = p.code;
      for (const r of doc.procurement ?? []) if (r.project === old) r.project = p.code;
    }
    await value('import.budgetFile', { fileName: 'd.budget.json', text: JSON.stringify(doc) });
    const budget = { dept: '733', year: doc.year };
    expect((await value('projects.list', { budget })).map((p: { code: string }) => p.code)).toEqual(['D-P1']);
    await value('units.add', { budget, unit: { code: 'D-2', name: '第二单位' } });
    const bad = await api('units.add', { budget, unit: { code: '-D3', name: '坏编码' } });
    expect(bad.ok).toBe(false);
    expect(bad.error.message).toContain('以数字或字母开头');
  });

  it('many codes breaking the rule: the rule once, with the count and the first items', async () => {
    const doc = JSON.parse(fixtureText());
    doc.department = { code: '734', name: '另一街道' };
    const base = doc.projects[0];
    doc.projects = Array.from({ length: 23 }, (_, i) => ({ ...base, code: `d p${i + 1}` }));
    doc.lines = doc.lines.filter((l: { project?: string }) => !l.project);
    doc.procurement = [];
    const r = await api('import.budgetFile', { fileName: 'e.budget.json', text: JSON.stringify(doc) });
    expect(r.ok).toBe(false);
    const msg: string = r.error.message;
    expect(msg.split('以数字或字母开头')).toHaveLength(2); // the rule is said once
    expect(msg).toContain('共 23 处：第 1 个项目“d p1”、第 2 个项目“d p2”、第 3 个项目“d p3”等');
  });
});
