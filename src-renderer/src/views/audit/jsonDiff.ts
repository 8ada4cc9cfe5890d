/** One key of a before/after pair: its path, both values as JSON text, and what happened to it. */
export interface DiffRow {
  path: string;
  before: string | null;
  after: string | null;
  change: 'added' | 'removed' | 'changed' | 'same';
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown) => (v === undefined ? null : JSON.stringify(v) ?? String(v));

/** Longest path followed; deeper values are compared whole, as JSON. */
const MAX_DEPTH = 6;

/**
 * Compare two JSON values key by key: nested objects are walked (paths like `state.strategies`),
 * anything else (arrays, scalars) is compared whole. Keys in a stable order: before's, then new ones.
 */
export function jsonDiff(before: unknown, after: unknown): DiffRow[] {
  const rows: DiffRow[] = [];
  const walk = (a: unknown, b: unknown, path: string, depth: number) => {
    if (isObject(a) && isObject(b) && depth < MAX_DEPTH) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
      for (const key of keys) walk(a[key], b[key], path ? `${path}.${key}` : key, depth + 1);
      return;
    }
    const [x, y] = [text(a), text(b)];
    const change = x === null ? 'added' : y === null ? 'removed' : x === y ? 'same' : 'changed';
    rows.push({ path: path || '(value)', before: x, after: y, change });
  };
  if (before === null && after === null) return rows;
  // A change that created or removed an object lists its keys as added or removed.
  const a = before === null && isObject(after) ? {} : (before ?? undefined);
  const b = after === null && isObject(before) ? {} : (after ?? undefined);
  walk(a, b, '', 0);
  return rows;
}
