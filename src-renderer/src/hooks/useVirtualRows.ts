import {
  defaultRangeExtractor,
  measureElement,
  observeElementRect,
  useVirtualizer,
  type Range,
  type Rect,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { useCallback, useRef, useState, type FocusEvent } from 'react';

/** Where nothing is laid out yet (a hidden view, jsdom) the scroller reads 0: assume a screenful, not no row. */
const UNLAID_RECT: Rect = { width: 1200, height: 640 };

export type RowVirtualizer = Virtualizer<HTMLDivElement, HTMLTableRowElement>;

/** What a virtual row's <tr> carries so the virtualizer can measure it and assistive tech can place it. */
export interface VirtualRowProps {
  ref: (row: HTMLTableRowElement | null) => void;
  'data-index': number;
  'aria-rowindex': number;
}

export interface VirtualRowsOptions {
  count: number;
  /** a stable key per index, so a measured height follows its row when the list changes */
  keyOf: (index: number) => string | number;
  /** the height of a row before it is measured */
  estimate: number;
  overscan?: number;
}

/**
 * Table rows virtualised in their own scroller: only the rows in view (and `overscan` around)
 * exist in the page, each measured once drawn. The row holding keyboard focus stays in the page
 * when it scrolls out of view, so focus is never dropped on the body.
 */
export function useVirtualRows({ count, keyOf, estimate, overscan = 12 }: VirtualRowsOptions) {
  const scroller = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState<number | null>(null);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (focused === null || focused >= range.count || indexes.includes(focused)) return indexes;
      return [...indexes, focused].sort((a, b) => a - b);
    },
    [focused],
  );
  const virtualizer: RowVirtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimate,
    getItemKey: keyOf,
    overscan,
    rangeExtractor,
    initialRect: UNLAID_RECT,
    observeElementRect: (instance, callback) =>
      observeElementRect(instance, (rect) => callback(rect.height > 0 ? rect : UNLAID_RECT)),
    // a row that is not laid out measures 0; keep its estimate rather than pile every row into view
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || estimate,
  });

  const bodyProps = {
    onFocus: (event: FocusEvent<HTMLTableSectionElement>) => {
      const row = (event.target as Element).closest('tr[data-index]');
      if (row && event.currentTarget.contains(row)) setFocused(Number(row.getAttribute('data-index')));
    },
    onBlur: (event: FocusEvent<HTMLTableSectionElement>) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(null);
    },
  };
  const rowProps = (index: number): VirtualRowProps => ({
    ref: virtualizer.measureElement,
    'data-index': index,
    // the header is row 1
    'aria-rowindex': index + 2,
  });
  return { scroller, virtualizer, bodyProps, rowProps };
}
