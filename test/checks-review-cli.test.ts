// The review-rules.md rules (issue 14) through the real `budget check` process: a budget file that
// breaks one rule alone is flagged with that rule's id (text and --json), the reference is not.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { RULES } from '../core/checks';
import { FIXTURE_PATH } from './helpers/fixture';
import { useCli } from './helpers/cli';
import { brokenDoc, lowerOfficeCost2024Doc, REVIEW_CASES } from './helpers/review-rule-cases';

const fx = useCli();
const { budget } = fx;

interface JsonFinding {
  id: string;
  severity: string;
  message: string;
  place: Record<string, unknown>;
  group: string;
}
interface CheckJson {
  budget: { dept: string; year: number };
  summary: { errors: number; hints: number };
  findings: JsonFinding[];
}

let n = 0;
/** Imports the files (in order) into a new database and runs `budget check --json` on 2025. */
function check(...files: string[]): { code: number | null; out: string; json: CheckJson } {
  const db = fx.tmp.file(`c${++n}.db`);
  for (const f of files) {
    const r = budget('import', f, '--db', db);
    expect(r.err).toBe('');
  }
  const out = fx.tmp.file(`c${n}.json`);
  const r = budget('check', db, '--year', '2025', '--json', out);
  expect(r.err).toBe('');
  return { code: r.code, out: r.out, json: JSON.parse(readFileSync(out, 'utf8')) as CheckJson };
}

function writeDoc(name: string, doc: unknown): string {
  const path = fx.tmp.file(name);
  writeFileSync(path, JSON.stringify(doc, null, 1));
  return path;
}

const severityOf = (id: string) => RULES.find((r) => r.id === id)!.severity;

describe('budget check: review rules', () => {
  test('the reference passes: 错误 0, no finding, exit 0, an empty JSON list', () => {
    const r = check(FIXTURE_PATH);
    expect(r.code).toBe(0);
    expect(r.out).toContain('审核通过，未发现问题');
    expect(r.json).toEqual({ budget: { dept: '711', deptName: '工会部门', year: 2025 }, summary: { errors: 0, hints: 0 }, findings: [] });
  });

  test.each(REVIEW_CASES)('$rule: a file that breaks it alone is flagged with its id', (c) => {
    const r = check(writeDoc(`${c.rule}.budget.json`, brokenDoc(c)));
    expect(r.json.findings.length, r.out).toBeGreaterThan(0);
    expect(
      r.json.findings.map((f) => f.id),
      r.out,
    ).toEqual(r.json.findings.map(() => c.rule));
    expect(r.json.findings.map((f) => f.message).join('\n')).toContain(c.fragment);
    for (const f of r.json.findings) {
      expect(f.severity).toBe(severityOf(c.rule));
      expect(typeof f.place.page).toBe('string');
      expect(r.out).toContain(`[${f.severity}] ${f.message}（规则 ${c.rule}）`);
    }
    expect(r.code).toBe(severityOf(c.rule) === '错误' ? 1 : 0);
  });

  test('policy.office-cost-increase: last year in the same database with less 机关运行经费 → flagged; the reference alone is not', () => {
    const r = check(writeDoc('711-2024-lower.budget.json', lowerOfficeCost2024Doc()), FIXTURE_PATH);
    expect(
      r.json.findings.map((f) => f.id),
      r.out,
    ).toEqual(['policy.office-cost-increase']);
    expect(r.json.findings[0]).toMatchObject({
      severity: '错误',
      message: expect.stringContaining('机关运行经费为 3.29 万元，比 2024 年 2.79 万元增加 0.50 万元'),
      place: { page: 'narrative', paragraph: 'runningCost.total' },
      group: '情况说明 三、机关运行经费安排情况',
    });
    expect(r.code).toBe(1);
  });

  test('places are structured: a line by its database id, an indicator by its position, a table row, a procurement row', () => {
    const places = (rule: string) =>
      check(writeDoc(`p-${rule}.budget.json`, brokenDoc(REVIEW_CASES.find((c) => c.rule === rule)!))).json.findings.map((f) => [f.place, f.group]);
    const [line] = places('policy.function-economic-mismatch');
    expect(line).toEqual([{ page: 'lines', line: expect.stringMatching(/^\d+$/) }, '预算明细']);
    expect(places('project.indicator-unit-missing')).toEqual([[{ page: 'projects', project: '13030325P00496310001X', indicator: 1 }, '项目与绩效目标']]);
    expect(places('policy.three-public-increase')).toEqual([[{ page: 'tables', table: 'three-public', row: '合计' }, '部门预算财政拨款“三公”经费支出表']]);
    expect(places('procurement.exceeds-project')).toEqual([[{ page: 'procurement', row: 1 }, '政府采购']]);
    expect(places('narrative.year-out-of-range')).toEqual([[{ page: 'narrative', paragraph: 'other' }, '情况说明 十一、其他需要说明的事项']]);
  });
});
