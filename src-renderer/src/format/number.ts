const compact = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Three significant digits below 100, whole numbers above: 0.0123, 42.5, 1,234. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return Math.abs(value) >= 100 ? whole.format(value) : compact.format(value);
}

/** A value with its unit: "120 ms", "1.5%", "42" when unitless. */
export function formatValue(value: number, unit: string): string {
  const number = formatNumber(value);
  if (!unit || number === '—') return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}
