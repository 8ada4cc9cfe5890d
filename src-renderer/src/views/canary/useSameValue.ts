import { useRef } from 'react';

/**
 * The value given, or the one given last time when the two are the same by content: a refresh
 * that brings back equal markers or an equal window then hands the chart the same objects, so
 * recharts (which re-registers a reference line, an area or an axis whenever its props change
 * identity) has nothing to redo. For small plain data only (compared as JSON), never the rows.
 */
export function useSameValue<T>(value: T): T {
  const last = useRef<{ value: T; json: string } | null>(null);
  const json = JSON.stringify(value) ?? 'undefined';
  if (last.current?.json !== json) last.current = { value, json };
  return last.current.value;
}
