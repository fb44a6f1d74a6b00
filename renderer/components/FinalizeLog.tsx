// The record of 定稿 and 解除定稿 of one budget (years.finalizeLog): when, with how many 错误, and why it was
// released. Shown on 开始 and 往年对比.
import type { BudgetRef } from '../../api/contract';
import { useLoad } from '../state';

/** "2026-12-07T19:37:39Z" as the clerk's local date and time. */
const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

export function FinalizeLog({ budget }: { budget: BudgetRef }) {
  const log = useLoad('years.finalizeLog', { budget }, [budget.dept, budget.year]);
  if (!log.data) return null;
  return (
    <section className="panel" data-testid="finalize-log">
      <h2>{budget.year} 年定稿记录</h2>
      {log.data.length === 0 ? (
        <p className="muted">尚未定稿过。</p>
      ) : (
        <table className="plain">
          <thead>
            <tr>
              <th>时间</th>
              <th>操作</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e, i) => (
              <tr key={i}>
                <td>{when(e.at)}</td>
                <td>{e.action}</td>
                <td>{e.reason || (e.errors ? `定稿时还有 ${e.errors} 个错误` : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
