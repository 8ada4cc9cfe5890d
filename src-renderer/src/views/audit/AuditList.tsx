import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { AuditEvent } from '../../../../src-shared/domain/audit';
import { AUDIT_PAGE, ensureAuditRows, selectAuditEvent } from '../../store/auditLoaders';
import { useRingside } from '../../store/useRingside';
import { formatAuditTime, useAuditZone, type AuditZone } from './auditTime';

/** Fixed row height: a million rows stay under the browser's element-height limit and need no measuring. */
export const ROW_HEIGHT = 28;
/** The headings sit in the same scroller as the rows (sticky on top), so both share its width and scrollbar. */
export const HEAD_HEIGHT = 28;
/** Before the list is laid out (and in jsdom). */
const LIST_HEIGHT = 420;

/** The columns, in order; headings and cells carry the same data-col and one grid template (audit.css). */
export const AUDIT_COLUMNS = [
  ['time', 'Time'],
  ['source', 'Source'],
  ['actor', 'Actor'],
  ['action', 'Action'],
  ['object', 'Object'],
  ['env', 'Environment'],
  ['reason', 'Reason'],
] as const;
type Column = (typeof AUDIT_COLUMNS)[number][0];

function cellsOf(event: AuditEvent, zone: AuditZone): Record<Column, string> {
  return {
    time: formatAuditTime(event.time, zone),
    source: event.source,
    actor: event.actor,
    action: event.action,
    object: event.objectId,
    env: event.environment ?? '—',
    reason: event.reason ?? '',
  };
}

function Row({ event, selected, zone }: { event: AuditEvent; selected: boolean; zone: AuditZone }) {
  const cells = cellsOf(event, zone);
  return (
    <>
      {AUDIT_COLUMNS.map(([col]) => {
        const text = cells[col];
        // A cell cut short shows in full on hover (title), in the selected row while the list has focus, and in the detail pane.
        const props = { className: `audit-cell audit-col-${col}${col === 'source' ? ` audit-source source-${event.source}` : ''}`, 'data-col': col, title: text || undefined };
        return col === 'time' ? (
          <time key={col} {...props} dateTime={new Date(event.time).toISOString()}>
            {text}
          </time>
        ) : (
          <span key={col} {...props}>
            {text}
          </span>
        );
      })}
      {selected && <span className="visually-hidden">(selected)</span>}
    </>
  );
}

/** What a screen reader says for a row: every cell in full, in column order. */
const rowLabel = (event: AuditEvent, zone: AuditZone) => {
  const cells = cellsOf(event, zone);
  return AUDIT_COLUMNS.map(([col, heading]) => `${heading}: ${cells[col] || '—'}`).join('; ');
};

/**
 * The filter's events, newest first, as a virtual list: only the rows in view (and a few around)
 * exist in the page, and the pages under them are fetched as the list scrolls: by cursor after
 * the page above, by offset after a jump.
 */
export function AuditList() {
  const { total, pages, generation, selected } = useRingside((s) => s.audit);
  const zone = useAuditZone();
  const scroller = useRef<HTMLDivElement>(null);
  const count = total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The rows start under the sticky headings, and a row scrolled to is never left under them.
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
    initialRect: { width: 960, height: LIST_HEIGHT },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (last >= first) void ensureAuditRows(first, last);
  }, [first, last, generation, count]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
    // A new list starts at its top.
  }, [generation, virtualizer]);

  const eventAt = (index: number) => pages[Math.floor(index / AUDIT_PAGE)]?.[index % AUDIT_PAGE];

  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = selected ? items.find((i) => eventAt(i.index)?.id === selected.id)?.index : undefined;
    const next = at === undefined ? first : Math.min(count - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)));
    virtualizer.scrollToIndex(next);
    const event = eventAt(next);
    if (event) selectAuditEvent(event.id);
  };

  return (
    <div className="audit-list">
      <div
        ref={scroller}
        className="audit-scroll"
        role="listbox"
        aria-label="Audit events, newest first"
        aria-activedescendant={selected ? `audit-event-${selected.id}` : undefined}
        tabIndex={0}
        onKeyDown={onKey}
        data-testid="audit-list"
        data-count={count}
      >
        <div className="audit-row audit-head" aria-hidden="true" style={{ height: HEAD_HEIGHT }} data-testid="audit-head">
          {AUDIT_COLUMNS.map(([col, heading]) => (
            <span key={col} className="audit-cell" data-col={col}>
              {heading}
            </span>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} data-testid="audit-rows">
          {items.map((item) => {
            const event = eventAt(item.index);
            const isSelected = Boolean(event && selected?.id === event.id);
            return (
              <div
                key={item.key}
                id={event ? `audit-event-${event.id}` : undefined}
                role="option"
                aria-selected={isSelected}
                aria-setsize={count}
                aria-posinset={item.index + 1}
                aria-label={event ? rowLabel(event, zone) : 'loading'}
                className={`audit-row${isSelected ? ' selected' : ''}${event ? '' : ' placeholder'}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start - HEAD_HEIGHT}px)` }}
                data-testid="audit-row"
                data-index={item.index}
                data-id={event?.id}
                onClick={() => event && selectAuditEvent(event.id)}
              >
                {event ? <Row event={event} selected={isSelected} zone={zone} /> : <span className="muted">loading…</span>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
