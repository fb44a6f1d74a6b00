// The preview of an indicator workbook (issue 13, item 5) in 导入明细表: which sheets were read, each
// project with what will happen to it and how many indicators and goals it brings, every problem.
import type { SheetIndicatorPreviewDto } from '../../api/contract';

export function SheetIndicatorPreview({ preview: p }: { preview: SheetIndicatorPreviewDto }) {
  return (
    <>
      <p data-testid="sheet-summary">
        这是项目绩效指标表：指标取自工作表“{p.indicatorSheet}”{p.goalSheet ? `，绩效目标取自工作表“${p.goalSheet}”` : ''}； 数据 {p.rowCount} 行，涉及项目{' '}
        {p.projects.length} 个。
      </p>
      {p.problems.length > 0 && (
        <div className="error" role="alert" data-testid="sheet-problems">
          <b>共 {p.problems.length} 处问题，改正后才能导入：</b>
          <ul>
            {p.problems.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>项目</h3>
      <table className="sheet-lines" data-testid="sheet-indicator-projects">
        <thead>
          <tr>
            <th>项目编码</th>
            <th>项目名称</th>
            <th>导入后</th>
            <th>绩效指标（条）</th>
            <th>绩效目标（条）</th>
          </tr>
        </thead>
        <tbody>
          {p.projects.map((x) => (
            <tr key={x.code}>
              <td>{x.code}</td>
              <td>{x.name}</td>
              <td>{x.created ? '新建项目' : '补全已有项目'}</td>
              <td className="num">{x.indicators}</td>
              <td className="num">{x.goals}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
