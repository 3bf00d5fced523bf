import { compareText } from './compareText';

/**
 * JSON with object keys sorted and `undefined` members left out, so two values
 * that are deeply equal give the same text whatever order their keys were
 * inserted in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member && typeof member === 'object' && !Array.isArray(member)) {
      return Object.fromEntries(
        Object.entries(member as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => compareText(a, b)),
      );
    }
    return member;
  });
}
