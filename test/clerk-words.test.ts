// Issue 12 through the handler map over a real SQLite file: budgets.delete (backup first, one transaction,
// department with its last year), the 上年数 channels, and messages in the clerk's words — the budget-file
// parser's reasons on bad files and the channels' refusals carry no field key, enum value or file key.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBudgetFile } from '../core/budget-file';
import { openDatabase } from '../db/open';
import { BAD_FILE_CASES } from './helpers/bad-files';
import { builtinCatalogs, FIXTURE_PATH, fixtureDoc } from './helpers/fixture';
import { useTestEngine } from './helpers/engine';

const fx = useTestEngine();
const { call, value } = fx;
const budget = { dept: '711', year: 2025 };

/** Internal names: our keys and enum values. A file's own offending value, quoted “…”, may be echoed. */
const INTERNAL = new RegExp(
  [
    /unit\.code|project\.code/,
    /\b(units|projects|priorYear|threePublic|officeCost)\b/,
    /\b(general|fund|soe|special|business|operating|superior|affiliate)\b/,
    /\b(basic|remit|subsidy)\b/,
    /参数“/,
  ]
    .map((r) => r.source)
    .join('|'),
);
const withoutQuoted = (s: string) => s.replace(/“[^”]*”/g, '“…”');

async function seeded(file = 'a.sqlite'): Promise<void> {
  await value('db.create', { path: fx.tmp.file(file) });
  await value('import.budgetFile', { fileName: '711.budget.json', text: readFileSync(FIXTURE_PATH, 'utf8') });
}

describe('budgets.delete', () => {
  it('writes a backup, then deletes everything of the year; the department goes with its last year', async () => {
    await seeded('del.sqlite');
    const doc2024 = fixtureDoc();
    doc2024.year = 2024;
    delete doc2024.priorYear;
    await value('import.budgetFile', { fileName: '2024.json', text: JSON.stringify(doc2024) });

    const r = await value('budgets.delete', { budget: { dept: '711', year: 2024 } });
    expect(r).toMatchObject({ dept: '711', deptName: '工会部门', year: 2024, lines: 10, departmentRemoved: false });
    expect(existsSync(r.backupPath)).toBe(true);
    // The backup still holds 2024: it was written before the delete.
    const backup = openDatabase(r.backupPath, { readonly: true });
    try {
      expect(backup.sqlite.prepare('SELECT year FROM budgets ORDER BY year').pluck().all()).toEqual([2024, 2025]);
    } finally {
      backup.close();
    }
    expect((await value('budgets.list', {})).map((b) => b.year)).toEqual([2025]);

    // Not there any more: refused in words, no backup written for nothing.
    const again = await call('budgets.delete', { budget: { dept: '711', year: 2024 } });
    expect(!again.ok && again.error.message).toBe('数据库中没有部门 711 2024 年的预算');

    // A 定稿 year is refused.
    await value('years.finalize', { budget, despiteErrors: true });
    const fin = await call('budgets.delete', { budget });
    expect(!fin.ok && [fin.error.code, fin.error.message]).toEqual(['finalized', '部门 711 工会部门 2025 年的预算已定稿，不能删除；如确需删除，请先解除定稿']);
    await value('years.unfinalize', { budget, confirmed: true });

    const last = await value('budgets.delete', { budget });
    expect(last.departmentRemoved).toBe(true);
    const db = fx.engine.api.db();
    for (const t of [
      'departments',
      'budgets',
      'units',
      'lines',
      'projects',
      'indicators',
      'project_goals',
      'narrative',
      'prior_year',
      'procurement',
      'assets',
    ]) {
      expect(db.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
    }
  });
});

describe('上年数 channels', () => {
  it('store what the clerk knows (only the total), and the narrative and checks follow', async () => {
    const doc = fixtureDoc();
    delete doc.priorYear;
    await value('db.create', { path: fx.tmp.file('prior.sqlite') });
    await value('import.budgetFile', { fileName: '711.budget.json', text: JSON.stringify(doc) });
    expect(await value('years.getPriorFigures', { budget })).toEqual({
      year: 2024,
      figures: { total: '', basic: '', project: '', threePublic: '', officeCost: '' },
      storedFrom: null,
      usedFrom: null,
      sources: { total: null, basic: null, project: null, threePublic: null, officeCost: null },
    });
    const before = await value('checks.run', { budget });
    expect(before.findings.map((f) => f.ruleId)).toContain('narrative.prior-missing');

    const set = await value('years.setPriorFigures', { budget, figures: { total: '156,211,123.00' } });
    expect(set).toEqual({
      year: 2024,
      figures: { total: '156211123.00', basic: '', project: '', threePublic: '', officeCost: '' },
      storedFrom: 'manual',
      usedFrom: 'stored',
      sources: { total: '手工填写的上年数', basic: null, project: null, threePublic: null, officeCost: null },
    });
    const after = await value('checks.run', { budget });
    expect(after.findings.filter((f) => f.ruleId.startsWith('narrative.'))).toEqual([]);
    const compare = await value('compare.get', { budget });
    expect(compare.comparison.prior.origin).toBe('entered');

    const bad = await call('years.setPriorFigures', { budget, figures: { basic: '1.234' } });
    expect(!bad.ok && [bad.error.message, bad.error.field]).toEqual(['上年基本支出：金额最多两位小数', 'figures.basic']);
    const unknownKey = await call('years.setPriorFigures', { budget, figures: { personnel: '1.00' } as never });
    expect(!unknownKey.ok && unknownKey.error.message).toBe('上年数含有无法识别的内容');

    // Clearing every figure removes them.
    expect((await value('years.setPriorFigures', { budget, figures: { total: '' } })).storedFrom).toBeNull();
  });
});

describe('messages in the clerk’s words', () => {
  it('the budget-file parser: no internal name in any reason of the bad files', () => {
    for (const [what, mutate] of BAD_FILE_CASES) {
      const doc = fixtureDoc();
      mutate(doc);
      const r = parseBudgetFile(JSON.stringify(doc), builtinCatalogs);
      expect(r.ok, what).toBe(false);
      if (!r.ok) {
        for (const p of r.problems) expect(withoutQuoted(p.reason), `${what}: ${p.reason}`).not.toMatch(INTERNAL);
        // Places are the clerk's words: no JSON path such as lines[3].amount.
        for (const p of r.problems) expect(p.place, `${what}: ${p.place}`).not.toMatch(/[A-Za-z_]+(\[\d+\]|\.[A-Za-z])|（[A-Za-z][\w.[\]]*）/);
      }
    }
    // The cases, word for word.
    const doc = fixtureDoc();
    doc.lines[3].source = 'bank';
    doc.projects[0].unit = '999';
    doc.units.push({ code: 'abc', name: '下属单位' });
    const r = parseBudgetFile(JSON.stringify(doc), builtinCatalogs);
    const reasons = r.ok ? [] : r.problems.map((p) => p.reason);
    expect(reasons).toContain(
      '“bank” 不是有效的资金来源，应为一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款、财政专户管理资金、事业收入、经营收入、上级补助收入、附属单位上缴收入、其他收入之一',
    );
    expect(reasons).toContain('预算单位 999 未定义（本预算的预算单位中没有该编码）');
    expect(reasons).toContain(
      '单位编码“abc”不符合规则：只能由数字和大写英文字母组成（中间可有“-”），以数字或字母开头，最多 32 位（如 217001、31011525T000000412345、D-P1）',
    );
  });

  it('refused channel arguments name the field as the clerk sees it', async () => {
    await seeded('words.sqlite');
    const msg = async (channel: string, args: unknown) => {
      const r = await call(channel as 'units.add', args as never);
      expect(r.ok, channel).toBe(false);
      return r.ok ? '' : r.error.message;
    };
    expect(await msg('units.add', { budget, unit: { code: '', name: 'x' } })).toBe('单位编码不能为空');
    expect(await msg('projects.add', { budget, project: { code: ' ', name: 'x', unit: '711001' } })).toBe('项目编码不能为空');
    expect(await msg('units.add', { budget, unit: { code: 'abc', name: 'x' } })).toBe(
      '单位编码“abc”不符合规则：只能由数字和大写英文字母组成（中间可有“-”），以数字或字母开头，最多 32 位（如 217001、31011525T000000412345、D-P1）',
    );
    expect(await msg('catalog.search', { year: 2025, kind: 'other', query: '' })).toBe('类别应为支出功能分类、经济分类之一');
    expect(await msg('lines.list', { budget: { dept: '711', year: 'x' } })).toBe('预算年度应为数字，实际为文字');
    const neg = await call('lines.add', {
      budget,
      lines: [{ unit: '711001', function: '2012901', economic: '30201', kind: 'basic', source: 'general', amount: '-5' }],
    });
    expect(!neg.ok && [neg.error.message, neg.error.rows]).toEqual([
      '共 1 行有误，未添加任何明细',
      [{ row: 0, field: 'amount', message: '金额：金额不能为负数' }],
    ]);
    // A duplicate unit: one message, without counting rows the clerk cannot see.
    expect(await msg('units.add', { budget, unit: { code: '711001', name: 'x' } })).toBe('单位编码 711001 重复');
    for (const m of [
      await msg('units.add', { budget, unit: { code: 7, name: 'x' } }),
      await msg('budgets.create', { deptCode: '', deptName: 'x', year: 2025 }),
    ]) {
      expect(m).not.toMatch(INTERNAL);
      expect(m).not.toMatch(/[a-z]{4,}/);
    }
  });
});
