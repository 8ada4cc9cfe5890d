import type { Flag } from '../../../../src-shared/domain/flag';

/** The longest filter read: names and tags are short, and a paste must not slow every row. */
export const MAX_FILTER = 200;

/**
 * The flags every word of the filter appears in, as part of the name or of a tag (type:value),
 * case-insensitively, in the list's order. Contiguous text only: the table shows what was typed,
 * not letters scattered over a name. An empty filter keeps every flag (the same array).
 */
export function filterFlags(flags: Flag[], filter: string): Flag[] {
  const words = filter.slice(0, MAX_FILTER).trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return flags;
  return flags.filter((flag) => {
    const texts = [flag.name.toLowerCase(), ...flag.tags.map((t) => `${t.type}:${t.value}`.toLowerCase())];
    return words.every((word) => texts.some((text) => text.includes(word)));
  });
}
