/**
 * Orders texts by UTF-16 code units, the same on every machine (unlike
 * `localeCompare`), so sorted lists in state files never differ between hosts.
 */
export function compareText(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}
