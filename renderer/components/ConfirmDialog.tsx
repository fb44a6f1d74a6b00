// An in-app confirmation (a modal dialog in the page, not window.confirm): testable, styled, and it can
// carry a link (e.g. to 校验). Escape or 取消 cancels; the safe button has the focus at first.
import { useEffect, useRef, type ReactNode } from 'react';

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = '取消',
  danger,
  onConfirm,
  onCancel,
  testId,
}: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
  testId?: string;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onCancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onCancel();
      }}
    >
      <div className="modal" role="alertdialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2>{title}</h2>
        {children && <div className="modal-body">{children}</div>}
        <div className="row modal-actions">
          <button className={`btn primary${danger ? ' danger-fill' : ''}`} onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button ref={cancelRef} className="btn" onClick={onCancel}>
            {cancelLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
