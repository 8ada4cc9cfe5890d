/**
 * How a metric's numbers are written, wherever they are written: the canary view, the ring card,
 * the stop-the-line banner and the sentences the core puts into verdicts and the audit. One
 * formatter, so the same number never reads "1.74%" in one place and "1.7357" in another.
 */
const compact = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Three significant digits below 100, whole numbers above: 0.0123, 42.5, 1,234. */
export function formatMetricNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return Math.abs(value) >= 100 ? whole.format(value) : compact.format(value);
}

/** A value with its unit: "120 ms", "1.5%", "42" when unitless. */
export function formatMetricValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  const number = formatMetricNumber(value);
  if (!unit || number === '—') return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** canary / baseline as a factor: "×4.44". */
export function formatRatio(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : `×${compact.format(value)}`;
}

/** A p-value: "< 0.0001" below that, else two significant digits. */
export function formatPValue(value: number | null): string {
  if (value === null) return '—';
  return value < 0.0001 ? '< 0.0001' : String(Number(value.toPrecision(2)));
}

/** How long a window is, as its label says: "30 min", "2 h", "45 s". */
export function formatWindowLength(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 120 * 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Number((ms / 3_600_000).toPrecision(2))} h`;
}
