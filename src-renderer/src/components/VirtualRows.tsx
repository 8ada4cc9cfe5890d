import type { ReactNode } from 'react';
import type { RowVirtualizer } from '../hooks/useVirtualRows';

/** An empty row holding the place of rows not drawn, so the scrollbar matches the whole table. */
function Gap({ height, columns }: { height: number; columns: number }) {
  return (
    <tr className="virtual-gap" aria-hidden="true">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

export interface VirtualRowsProps {
  virtualizer: RowVirtualizer;
  /** how many columns a gap row spans */
  columns: number;
  /** the row at an index, with the key, ref and data-index its virtualizer needs */
  children: (index: number) => ReactNode;
}

/**
 * The body of a virtualised table: the rows the virtualizer has in view, in order, with gap rows
 * above, between (a focused row kept far from view) and below, so every drawn row stays a real
 * <tr> of the one table and its cells line up with the header.
 */
export function VirtualRows({ virtualizer, columns, children }: VirtualRowsProps) {
  const rows: ReactNode[] = [];
  let cursor = 0;
  for (const item of virtualizer.getVirtualItems()) {
    if (item.start > cursor) rows.push(<Gap key={`gap-${item.index}`} height={item.start - cursor} columns={columns} />);
    rows.push(children(item.index));
    cursor = item.end;
  }
  const rest = virtualizer.getTotalSize() - cursor;
  if (rest > 0) rows.push(<Gap key="gap-end" height={rest} columns={columns} />);
  return <>{rows}</>;
}
