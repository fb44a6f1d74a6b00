import { Component, type ReactNode } from 'react';
import type { AppError } from '../../api/contract';

/** An engine error as the clerk sees it: the message, and each refused row when there are any. */
export function ErrorView({ error, rowLabel }: { error: AppError | null | undefined; rowLabel?: (row: number) => string }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      {error.message}
      {error.rows && error.rows.length > 0 && (
        <ul>
          {error.rows.slice(0, 200).map((r, i) => (
            <li key={i}>
              {rowLabel ? rowLabel(r.row) : `第 ${r.row + 1} 行`}：{r.message}
            </li>
          ))}
          {error.rows.length > 200 && <li>……另有 {error.rows.length - 200} 行有错误</li>}
        </ul>
      )}
    </div>
  );
}

/** Keeps a page failure inside the page: the rest of the app stays usable. */
export class PageBoundary extends Component<{ children: ReactNode; name: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(prev: { name: string }) {
    if (prev.name !== this.props.name && this.state.error) this.setState({ error: null });
  }
  override render() {
    if (this.state.error) {
      return (
        <div className="error" role="alert">
          页面“{this.props.name}”出现内部错误：{this.state.error.message}
          <div>
            <button className="btn small" onClick={() => this.setState({ error: null })}>
              重试
            </button>
          </div>
        </div>
      );
    }
    return this.props.children;
  }
}
