import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { AuditEvent } from '../../../../src-shared/domain/audit';
import { formatDateTime } from '../../format/time';
import { AUDIT_PAGE, ensureAuditRows, selectAuditEvent } from '../../store/auditLoaders';
import { useRingside } from '../../store/useRingside';

/** Fixed row height: a million rows stay under the browser's element-height limit and need no measuring. */
export const ROW_HEIGHT = 28;
const LIST_HEIGHT = 420;

function Row({ event, selected }: { event: AuditEvent; selected: boolean }) {
  return (
    <>
      <time className="audit-col-time" dateTime={new Date(event.time).toISOString()}>
        {formatDateTime(event.time)}
      </time>
      <span className={`audit-source source-${event.source}`}>{event.source}</span>
      <span className="audit-col-actor">{event.actor}</span>
      <span className="audit-col-action">{event.action}</span>
      <span className="audit-col-object">{event.objectId}</span>
      <span className="audit-col-env">{event.environment ?? '—'}</span>
      <span className="audit-col-reason">{event.reason ?? ''}</span>
      {selected && <span className="visually-hidden">(selected)</span>}
    </>
  );
}

/**
 * The filter's events, newest first, as a virtual list: only the rows in view (and a few around)
 * exist in the page, and the pages under them are fetched as the list scrolls: by cursor after
 * the page above, by offset after a jump.
 */
export function AuditList() {
  const { total, pages, generation, selected } = useRingside((s) => s.audit);
  const scroller = useRef<HTMLDivElement>(null);
  const count = total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
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
      <div className="audit-row audit-head" aria-hidden="true">
        {['Time', 'Source', 'Actor', 'Action', 'Object', 'Environment', 'Reason'].map((c) => (
          <span key={c}>{c}</span>
        ))}
      </div>
      <div
        ref={scroller}
        className="audit-scroll"
        style={{ height: LIST_HEIGHT }}
        role="listbox"
        aria-label="Audit events, newest first"
        aria-activedescendant={selected ? `audit-event-${selected.id}` : undefined}
        tabIndex={0}
        onKeyDown={onKey}
        data-testid="audit-list"
        data-count={count}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
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
                className={`audit-row${isSelected ? ' selected' : ''}${event ? '' : ' placeholder'}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                data-testid="audit-row"
                data-index={item.index}
                data-id={event?.id}
                onClick={() => event && selectAuditEvent(event.id)}
              >
                {event ? <Row event={event} selected={isSelected} /> : <span className="muted">loading…</span>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
