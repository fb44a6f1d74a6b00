// The disclosure PDF, printed by the real Chromium and read back with pdftotext; and `budget check`.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildDisclosureHtml, exportDisclosurePdf, findChromium, openChromiumPrinter, pdfDestinationPages } from '../core/export/pdf';
import type { Budget } from '../core/model';
import { deriveTables } from '../core/tables';
import { builtinCatalogs, FIXTURE_PATH, fixtureDoc } from './helpers/fixture';
import { fixtureBudget } from './helpers/budget';
import { useCli } from './helpers/cli';

const catalogs = builtinCatalogs(2025)!;
const XSS = '<img src=x onerror=alert(1)>';

const fx = useCli();
const { budget } = fx;
/** The PDF's text with all white space removed ("spacing aside"). */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}
const reference = (): Budget => fixtureBudget().budget;

describe('budget check', () => {
  test('exits 0 on the reference and 1 on a broken budget, naming the places', () => {
    const db = fx.tmp.file('check.db');
    expect(budget('import', FIXTURE_PATH, '--db', db).code).toBe(0);
    const ok = budget('check', db, '--year', '2025');
    expect(ok.err).toBe('');
    expect(ok.out).toContain('审核 711 工会部门 2025 年预算：审核通过，未发现问题');
    expect(ok.code).toBe(0);

    const doc = fixtureDoc();
    doc.department.code = '712';
    doc.projects[0].indicators = doc.projects[0].indicators.filter((i: { level1: string }) => i.level1 !== '满意度指标');
    doc.projects[0].spendingPlan.dec = '80';
    doc.narrative.other = '待填写';
    const broken = fx.tmp.file('broken.budget.json');
    writeFileSync(broken, JSON.stringify(doc));
    expect(budget('import', broken, '--db', db).code).toBe(0);
    const bad = budget('check', db, '--year', '2025', '--dept', '712');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('错误 3 项');
    expect(bad.out).toContain('[错误] 项目“困难职工及劳模帮扶救助资金”（13030325P00496310001X）：没有满意度指标');
    expect(bad.out).toContain('12月底累计进度为 80%，应为 100%');
    expect(bad.out).toContain('“十一、其他需要说明的事项”中留有占位文字“待填写”');

    const usage = budget('check', db);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('缺少选项 --year');
  });
});

describe('disclosure PDF', () => {
  test('budget export --pdf prints the reference with the narrative figures of the published disclosure', () => {
    const db = fx.tmp.file('pdf.db');
    expect(budget('import', FIXTURE_PATH, '--db', db).code).toBe(0);
    const out = fx.tmp.file('711-2025.pdf');
    const r = budget('export', db, '--year', '2025', '--pdf', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const text = pdfText(out);
    for (const s of [
      '2025年预算收入55.33万元',
      '基本支出47.23万元',
      '人员经费43.95万元',
      '日常公用经费3.29万元',
      '项目支出8.10万元',
      '较2024年预算减少21.28万元',
      '机关运行经费共计安排3.29万元',
      '福利费1.95万元',
      '工会经费0.64万元',
      '其他商品和服务0.70万元',
      '工会部门2025年部门预算信息公开情况说明',
      '目录',
      '十一、其他需要说明的事项',
      '部门预算收支总表',
      '部门预算一般公共预算财政拨款基本支出表',
      '注：无政府性基金预算财政拨款预算，空表列示。',
      '困难职工及劳模帮扶救助资金绩效目标表',
      '受助对象满意度',
    ])
      expect(text, s).toContain(s);
    // The 目录 has page numbers, and they are where the parts really start.
    const sections = text.slice(text.indexOf('目录'), text.indexOf('第一部分', text.indexOf('目录') + 10));
    expect(sections).toMatch(/一、部门职责及机构设置情况\D*\d+/);
  });

  test('HTML and script in names and narrative print as text, never as markup', async () => {
    const b = reference();
    b.department.name = `工会${XSS}部门`;
    b.units[0]!.name = `单位<script>alert(1)</script>`;
    b.projects[0]!.name = `项目${XSS}`;
    b.narrative.other = `说明${XSS}结束`;
    b.narrative.duties[0]!.title = `职责"'&<b>粗</b>`;
    const input = { budget: b, catalogs, tables: deriveTables(b, catalogs) };
    const html = buildDisclosureHtml(input);
    expect(html).not.toMatch(/<img|<script|<b>/i);
    const out = fx.tmp.file('xss.pdf');
    writeFileSync(out, await exportDisclosurePdf(input));
    const text = pdfText(out);
    expect(text).toContain('说明<imgsrc=xonerror=alert(1)>结束');
    expect(text).toContain('项目<imgsrc=xonerror=alert(1)>');
    expect(text).toContain('单位<script>alert(1)</script>');
    expect(text).toContain(`职责"'&<b>粗</b>`);
  });

  test('page numbers of the 目录 come from where Chromium put each part', async () => {
    const b = reference();
    const input = { budget: b, catalogs, tables: deriveTables(b, catalogs) };
    const pdf = await exportDisclosurePdf(input);
    const pages = pdfDestinationPages(pdf);
    expect(pages.part1).toBe(3); // cover, 目录, then 第一部分
    expect(pages['sec-duties']).toBe(3);
    expect(pages['table-summary']).toBeGreaterThan(pages['sec-other']!);
    expect(pages['table-general-basic']).toBeGreaterThan(pages['table-summary']!);
  });

  test('a table longer than a page repeats its header rows (部门/年度/单位, column headers, 栏次) on every page', async () => {
    const b = reference();
    const leaves = catalogs.function
      .entries()
      .filter((e) => e.code.length === 7)
      .slice(0, 90);
    for (const e of leaves)
      b.lines.push({ unit: '711001', function: e.code, economic: '30101', kind: 'basic', source: 'general', carryover: false, amount: 1_000_00n });
    const printer = await openChromiumPrinter();
    const out = fx.tmp.file('long.pdf');
    try {
      writeFileSync(out, await printer.print(buildDisclosureHtml({ budget: b, catalogs, tables: deriveTables(b, catalogs) }, { onlyPart: 'table-income' })));
    } finally {
      await printer.close();
    }
    const pages = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) {
      const t = p.replace(/[ \t]+/g, '');
      for (const s of ['711工会部门', '预算年度：2025', '单位：万元', '功能分类科目', '上年结转', '栏次12345']) expect(t).toContain(s);
    }
  });

  test('without a browser the message says so in Chinese', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chrome' })).toThrow(/CHROMIUM_PATH 指向的浏览器不存在/);
  });
});
