// 从 Excel 粘贴: a box for a copied block. Its columns follow the grid's (lib/lineFields COLS), or a header row.
import { useState } from 'react';
import { COLS } from '../../lib/lineFields';

export function PasteBox({ onAdd, onClose }: { onAdd(text: string): Promise<boolean>; onClose(): void }) {
  const [text, setText] = useState('');
  return (
    <div className="panel">
      <h2>从 Excel 粘贴</h2>
      <p className="muted">
        在 Excel 中选中数据区域复制，然后粘贴到下框。列顺序与表格相同：{COLS.map((c) => c.label).join('、')}（
        {COLS.filter((c) => c.optionalInPaste)
          .map((c) => c.label)
          .join('、')}
        列可省略）；也可带表头行（按表头识别列）。全部通过校验才会添加，否则一行也不添加。
      </p>
      <textarea aria-label="粘贴内容" value={text} onChange={(e) => setText(e.target.value)} rows={6} />
      <div className="row" style={{ marginTop: 8 }}>
        <button
          className="btn primary"
          disabled={!text.trim()}
          onClick={() =>
            void onAdd(text).then((ok) => {
              if (ok) {
                setText('');
                onClose();
              }
            })
          }
        >
          添加这些行
        </button>
        <button className="btn" onClick={onClose}>
          关闭
        </button>
      </div>
    </div>
  );
}
