// The budget file: the reference fixture parses and round-trips; every kind of bad input is refused
// with a Chinese message naming its place and reason.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { budgetToJson, parseBudgetFile, serializeBudgetFile, type ParseBudgetResult } from '../core/budget-file';
import type { Budget, Line } from '../core/model';
import { LINE_KINDS, SOURCES } from '../core/model';
import { validateLine, formatLineProblems } from '../core/validate-line';
import { locateJsonError } from '../core/json-syntax';
import { fixtureBudget } from './helpers/budget';
import { builtinCatalogs, fixtureDoc, fixtureText } from './helpers/fixture';
import { BAD_FILE_CASES } from './helpers/bad-files';

const parse = (doc: unknown): ParseBudgetResult => parseBudgetFile(typeof doc === 'string' ? doc : JSON.stringify(doc), builtinCatalogs);

const parsedFixture = (): Budget => fixtureBudget().budget;

function refused(doc: unknown): Extract<ParseBudgetResult, { ok: false }> {
  const r = parse(doc);
  if (r.ok) throw new Error('expected the file to be refused');
  return r;
}

describe('reference fixture', () => {
  test('parses without problems or warnings', () => {
    const r = parseBudgetFile(fixtureText(), builtinCatalogs);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.addedCodes).toEqual([]);
    const b = r.budget;
    expect(b.year).toBe(2025);
    expect(b.department).toEqual({ code: '711', name: '工会部门' });
    expect(b.lines).toHaveLength(10);
    expect(b.lines[8]!.amount).toBe(4_165_050n); // "41650.50" exactly, no float
    expect(b.lines[9]).toMatchObject({ kind: 'project', project: '13030325P00496310001X', carryover: false });
    expect(b.priorYear).toEqual({ year: 2024, total: 76_610_000n, basic: 56_910_000n, project: 19_700_000n, threePublic: 0n });
    expect(b.extra).toEqual({});
  });

  test('budgetToJson gives back the fixture document', () => {
    expect(budgetToJson(parsedFixture())).toEqual(fixtureDoc());
  });

  test('serialize → parse is identical, and serializing again gives the same text', () => {
    const b = parsedFixture();
    const text = serializeBudgetFile(b);
    const again = parse(text);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.budget).toStrictEqual(b);
    expect(serializeBudgetFile(again.budget)).toBe(text);
  });

  test('unknown top-level keys and free narrative keys are kept', () => {
    const doc = fixtureDoc();
    doc.sourceSystem = { name: '预算一体化', version: 3 };
    doc.narrative.orgSetup = '内设 3 个科室';
    const r = parse(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.budget.extra).toEqual({ sourceSystem: { name: '预算一体化', version: 3 } });
    expect(r.budget.narrative.orgSetup).toBe('内设 3 个科室');
    const back = JSON.parse(serializeBudgetFile(r.budget));
    expect(back.sourceSystem).toEqual(doc.sourceSystem);
    expect(back.narrative.orgSetup).toBe('内设 3 个科室');
  });

  test('a UTF-8 BOM is accepted', () => {
    expect(parseBudgetFile(`\uFEFF${fixtureText()}`, builtinCatalogs).ok).toBe(true);
  });
});

describe('refused files', () => {
  test('malformed JSON: the message gives line, column and what is wrong', () => {
    const r = refused('{\n  "format": "dept-budget/1",\n  "year": 2025,,\n}');
    expect(r.message).toBe('预算文件未导入：文件不是有效的 JSON：第 3 行第 16 列，应为用双引号括起的字段名');
    expect(refused('{"a": [1, 2,]}').message).toContain('第 1 行第 13 列，最后一项后面多了逗号');
    expect(refused('{"a": 1').message).toContain('内容意外结束');
    expect(refused("{'a': 1}").message).toContain('应为用双引号括起的字段名');
    expect(refused('{"a": "x\ny"}').message).toContain('未转义的控制字符');
  });

  test('the JSON error locator agrees with JSON.parse', () => {
    const check = (t: string) => {
      let ok = true;
      try {
        JSON.parse(t);
      } catch {
        ok = false;
      }
      expect(locateJsonError(t) === null).toBe(ok);
    };
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\\', '\n', '01', '-'), (t, at, ins) => {
        check(t);
        const p = at % (t.length + 1);
        check(t.slice(0, p) + ins + t.slice(p));
        check(t.slice(0, p));
      }),
      { numRuns: 400 },
    );
  });

  test('empty file', () => {
    expect(refused('  \n').message).toContain('文件是空的');
  });

  test('wrong or missing format', () => {
    const doc = fixtureDoc();
    doc.format = 'dept-budget/2';
    expect(refused(doc).message).toContain('格式 “dept-budget/2” 不受支持');
    delete doc.format;
    expect(refused(doc).message).toContain('缺少 format 字段');
    expect(refused([1, 2]).message).toContain('顶层必须是 JSON 对象');
  });

  test.each(BAD_FILE_CASES)('%s', (_what, mutate, path, reason) => {
    const doc = fixtureDoc();
    mutate(doc);
    const r = refused(doc);
    const p = r.problems.find((x) => x.path === path);
    expect(p, `problems: ${r.message}`).toBeDefined();
    expect(p!.reason).toContain(reason);
    // The place is the clerk's words; the JSON path stays on the problem for tools, never in the message.
    expect(p!.place).not.toContain(path);
    expect(r.message).not.toContain(`（${path}）`);
    // The one message names the place and the reason.
    expect(r.message).toContain(`${p!.place}：${p!.reason}`);
    expect(r.message.startsWith('预算文件未导入，共')).toBe(true);
    expect(r.message).not.toContain('\n');
  });

  test('place is spelled in Chinese with the 1-based row', () => {
    const doc = fixtureDoc();
    doc.lines[3].amount = '1.234';
    const r = refused(doc);
    expect(r.problems[0]!.place).toBe('第 4 条明细的金额');
    expect(r.problems[0]!.path).toBe('lines[3].amount');
  });

  test('department code and name are bounded like every other place that names a department', () => {
    const doc = fixtureDoc();
    doc.department.code = '711'.repeat(20);
    doc.department.name = '部'.repeat(201);
    const r = refused(doc);
    expect(r.problems.map((p) => [p.place, p.reason])).toEqual([
      ['部门编码', '不能超过 32 个字符（实际 60 个）'],
      ['部门名称', '不能超过 200 个字符（实际 201 个）'],
    ]);
  });

  test('every problem of a file is reported at once', () => {
    const doc = fixtureDoc();
    doc.lines[0].amount = '1.234';
    doc.lines[1].kind = 'x';
    doc.lines[2].unit = 'nope';
    doc.units.push({ ...doc.units[0] });
    const r = refused(doc);
    expect(r.problems.map((p) => p.path).sort()).toEqual(['lines[0].amount', 'lines[1].kind', 'lines[2].unit', 'units[1].code']);
    expect(r.message).toContain('共 4 处问题');
  });

  test('unknown codes are all listed in one problem, with their lines', () => {
    const doc = fixtureDoc();
    doc.lines[0].function = '2012998';
    doc.lines[1].function = '2012998';
    doc.lines[2].function = '2018801';
    doc.lines[3].economic = '30298';
    const r = refused(doc);
    const fn = r.problems.find((p) => p.path === 'lines[].function')!;
    expect(fn.reason).toBe('以下 2 个编码不在 2025 年科目表中，预算文件的科目名称表也未给出名称：2012998（第 1、2 条明细）、2018801（第 3 条明细）');
    const ec = r.problems.find((p) => p.path === 'lines[].economic')!;
    expect(ec.reason).toContain('30298（第 4 条明细）');
  });

  test('a year without any catalog is refused when the lookup has none', () => {
    const doc = fixtureDoc();
    const r = parseBudgetFile(JSON.stringify(doc), () => null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('没有 2025 年度的科目表');
  });
});

describe('codes named by the file', () => {
  test('a missing code named in names is accepted, reported, and added', () => {
    const doc = fixtureDoc();
    doc.lines[0].function = '2012998';
    doc.lines[1].economic = '30298';
    doc.names = { function: { '2012998': '其他工会事务' }, economic: { '30298': '某项公用支出' } };
    const r = parse(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.addedCodes).toEqual([
      { kind: 'economic', code: '30298', name: '某项公用支出' },
      { kind: 'function', code: '2012998', name: '其他工会事务' },
    ]);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings.join()).toContain('2012998“其他工会事务”不在 2025 年科目表中');
    expect(r.budget.names).toEqual({ function: { '2012998': '其他工会事务' }, economic: { '30298': '某项公用支出' } });
  });

  test('a named code whose parent is unknown and unnamed is refused', () => {
    const doc = fixtureDoc();
    doc.lines[0].function = '2018801';
    doc.names = { function: { '2018801': '新项' } };
    const r = parse(doc);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toContain(
        '第 1 条明细的功能分类科目：支出功能分类科目 2018801 的上级科目 20188 不在 2025 年科目表中，预算文件的科目名称表也未给出其名称',
      );
  });

  test('a named code with a named new parent adds both', () => {
    const doc = fixtureDoc();
    doc.lines[0].function = '2018801';
    doc.names = { function: { '2018801': '新项', '20188': '新款' } };
    const r = parse(doc);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.addedCodes.map((a) => a.code)).toEqual(['20188', '2018801']);
  });
});

describe('validateLine (shared with UI edits)', () => {
  const ctx = { catalogs: builtinCatalogs(2025)!, units: new Set(['711001']), projects: new Set(['P1']) };
  test('accepts a good line and normalizes defaults', () => {
    const r = validateLine(
      { unit: '711001', function: '2012901', economic: '30228', kind: 'basic', source: 'general', amount: '1,234.50' },
      { ...ctx, allowSeparators: true },
    );
    expect(r).toEqual({
      ok: true,
      added: [],
      line: { unit: '711001', function: '2012901', economic: '30228', kind: 'basic', source: 'general', carryover: false, amount: 123_450n },
    });
  });
  test('separators are refused in files', () => {
    const r = validateLine({ unit: '711001', function: '2012901', economic: '30228', kind: 'basic', source: 'general', amount: '1,234.50' }, ctx);
    expect(r.ok).toBe(false);
  });
  test('problems are formatted per field in Chinese', () => {
    const r = validateLine({ unit: '711001', function: '2012901', economic: '30228', kind: 'project', source: 'general', amount: '0' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatLineProblems(r.problems)).toBe('金额：金额必须大于 0；项目：项目支出必须指明项目编码');
  });
});

describe('round trip of generated budgets', () => {
  const catalogs = builtinCatalogs(2025)!;
  const fnCodes = catalogs.function
    .entries()
    .filter((e) => e.code.length === 7)
    .map((e) => e.code);
  const ecCodes = catalogs.economic
    .entries()
    .filter((e) => e.code.length === 5)
    .map((e) => e.code);
  const line = fc.record({
    function: fc.constantFrom(...fnCodes),
    economic: fc.constantFrom(...ecCodes),
    kind: fc.constantFrom(...LINE_KINDS),
    source: fc.constantFrom(...SOURCES),
    carryover: fc.boolean(),
    amount: fc.bigInt({ min: 1n, max: 9_999_999_999_999n }),
    memo: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
  });
  test('parse(serialize(b)) deep-equals b', () => {
    const base = parsedFixture();
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 40 }),
        fc.dictionary(
          fc
            .string({ minLength: 1 })
            .filter(
              (k) =>
                ![
                  'format',
                  'year',
                  'department',
                  'units',
                  'lines',
                  'projects',
                  'procurement',
                  'assets',
                  'assetsAsOf',
                  'priorYear',
                  'names',
                  'narrative',
                ].includes(k),
            ),
          fc.jsonValue(),
        ),
        (raw, extra) => {
          const lines: Line[] = raw.map((l) => {
            const out: Line = {
              unit: '711001',
              function: l.function,
              economic: l.economic,
              kind: l.kind,
              source: l.source,
              carryover: l.carryover,
              amount: l.amount,
            };
            if (l.kind === 'project') out.project = base.projects[0]!.code;
            if (l.memo !== undefined) out.memo = l.memo;
            return out;
          });
          const b: Budget = { ...base, lines, extra: JSON.parse(JSON.stringify(extra)) };
          const r = parse(serializeBudgetFile(b));
          if (!r.ok) throw new Error(r.message);
          expect(r.budget).toEqual(b);
        },
      ),
      { numRuns: 60 },
    );
  });
});
