import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Only names the console gives its exports: no path, no dots but the extension. Nothing else in the folder is touched. */
export const EXPORT_NAME = /^audit-[a-z0-9-]{1,120}\.(csv|jsonl)$/;

export interface ExportRetention {
  /** at most this many exports are kept, the newest */
  keep: number;
  /** and none older than this */
  maxAgeMs: number;
}

/**
 * An export is a copy of the audit trail outside the database: kept long enough to be opened or
 * downloaded, not forever. Twenty files or a day covers an incident review; the database keeps
 * the history itself.
 */
export const EXPORT_RETENTION: ExportRetention = { keep: 20, maxAgeMs: 24 * 3_600_000 };

/**
 * Remove the exports past the newest `keep` and those older than `maxAgeMs`, and answer the names
 * removed. Age is the file's modification time against the wall clock (`now`), the file system's
 * own clock rather than the console's. `spare` (the export just written) is never removed. A file
 * that cannot be removed now (open elsewhere on Windows) is left for the next pass.
 */
export function pruneExports(dir: string, options: Partial<ExportRetention> & { now?: number; spare?: string } = {}): string[] {
  const { keep, maxAgeMs } = { ...EXPORT_RETENTION, ...options };
  const now = options.now ?? Date.now();
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => EXPORT_NAME.test(name));
  } catch {
    return [];
  }
  const files = names
    .map((name) => ({ name, mtime: modified(join(dir, name)) }))
    .filter((f): f is { name: string; mtime: number } => f.mtime !== null)
    // newest first; the name breaks a tie so the order is the same on every pass
    .sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
  const removed: string[] = [];
  files.forEach((file, index) => {
    if (file.name === options.spare) return;
    if (index < keep && now - file.mtime <= maxAgeMs) return;
    if (removeExport(dir, file.name)) removed.push(file.name);
  });
  return removed;
}

/** Remove one export by its name (a download finished); false when it is not an export's name or is gone already. */
export function removeExport(dir: string, name: string): boolean {
  if (!EXPORT_NAME.test(name)) return false;
  try {
    unlinkSync(join(dir, name));
    return true;
  } catch {
    return false;
  }
}

function modified(path: string): number | null {
  try {
    const info = statSync(path);
    return info.isFile() ? info.mtimeMs : null;
  } catch {
    return null;
  }
}
