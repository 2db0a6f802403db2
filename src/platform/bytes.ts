const KIB = 1024;
const MIB = 1024 * 1024;

/**
 * A size and the limit it passes, in the limit's unit, with as many decimals as it takes for
 * the two to read differently ("1.05 MiB" over "1.00 MiB", never "1.0 MiB" over "1.0 MiB").
 */
export function formatOverLimit(size: number, limit: number): { readonly size: string; readonly limit: string } {
  const [unit, scale, decimals] = limit >= MIB ? ['MiB', MIB, 1] : limit >= KIB ? ['KiB', KIB, 0] : ['bytes', 1, 0];
  for (let d = decimals; d <= 3; d++) {
    const shown = { size: `${(size / scale).toFixed(d)} ${unit}`, limit: `${(limit / scale).toFixed(d)} ${unit}` };
    if (shown.size !== shown.limit) return shown;
  }
  return { size: `${size} bytes`, limit: `${limit} bytes` };
}
