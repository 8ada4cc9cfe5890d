import { useEffect, useRef } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { exportAudit } from '../../store/auditLoaders';
import { useRingside } from '../../store/useRingside';

/** In a browser (serve mode) the file is also offered as a download; the desktop app names where it is. */
const inBrowser = () => typeof window !== 'undefined' && !window.ringside;

/** Export the current filter to CSV or JSON Lines; main streams it into the data folder's exports/. */
export function AuditExport() {
  const { running, last, error } = useRingside((s) => s.auditExport);
  const link = useRef<HTMLAnchorElement>(null);
  const downloaded = useRef<string | null>(null);

  useEffect(() => {
    if (!last || !inBrowser() || downloaded.current === last.fileName) return;
    downloaded.current = last.fileName;
    link.current?.click();
  }, [last]);

  return (
    <div className="audit-export">
      <button type="button" disabled={running} onClick={() => void exportAudit('csv')}>
        Export CSV
      </button>
      <button type="button" disabled={running} onClick={() => void exportAudit('jsonl')}>
        Export JSON Lines
      </button>
      {running && <span className="muted">Exporting…</span>}
      {last && (
        <p className="audit-export-done" role="status" data-testid="audit-export-done">
          Exported {last.rows.toLocaleString('en')} events to <code>{last.path}</code>; the chain was{' '}
          {last.chain.ok ? `intact (${last.chain.checked.toLocaleString('en')} rows verified)` : `BROKEN at row ${last.chain.firstBroken?.id}`}.{' '}
          {inBrowser() && (
            <a ref={link} href={last.downloadPath} download={last.fileName}>
              Download {last.fileName}
            </a>
          )}
        </p>
      )}
      {error && <ErrorNote error={error} />}
    </div>
  );
}
