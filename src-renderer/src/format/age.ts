/** "12 s", "4 min", "3 h", "2 d": short enough for a chip, exact enough for an incident. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

export function syncedLabel(lastSyncAt: number | null, now: number): string {
  return lastSyncAt === null ? 'never synced' : `synced ${formatAge(now - lastSyncAt)} ago`;
}
