// US$ formatting shared by the host (status bar, picker, limits) and the webview (turn footers, totals).

export function formatUsd(value: number): string {
  if (value === 0) return '$0.00';
  // Below a cent four decimals, so small requests never look free; "<" for the truly tiny.
  if (value < 0.0001) return '<$0.0001';
  // Up to four decimals below a dollar, trailing zeros trimmed to two: $0.0081, $0.42, $1.50.
  return value < 1 ? `$${value.toFixed(4).replace(/(\.\d\d\d*?)0+$/, '$1')}` : `$${value.toFixed(2)}`;
}
