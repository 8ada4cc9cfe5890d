const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as the person's wall clock shows it (HH:MM:SS, local time): "retrying at 14:02:31". */
export function clockTime(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
