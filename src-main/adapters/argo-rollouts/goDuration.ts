/** Seconds in each unit Go's time.ParseDuration accepts. */
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * A duration as Argo Rollouts reads it, in whole seconds: an integer is seconds (a pause's
 * `duration: 30` or `"30"`), a string is Go's time.ParseDuration syntax ("1h30m", "1.5h", "90s").
 * Null when it is neither, so the caller can say which step is unreadable.
 */
export function durationSeconds(value: number | string): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '0') return 0;
  let rest = text.startsWith('+') ? text.slice(1) : text;
  if (rest === '' || rest.startsWith('-')) return null;
  let seconds = 0;
  while (rest.length > 0) {
    PART.lastIndex = 0;
    const match = PART.exec(rest);
    if (!match) return null;
    seconds += Number(match[1]) * UNIT_SECONDS[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  // Go truncates toward zero when Argo converts with int32(d.Seconds()).
  return Math.trunc(seconds + 1e-9);
}
