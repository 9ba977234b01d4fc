import { type JSONPath, visit } from 'jsonc-parser';

/** A path as the 400 names fields: `guardians[0].relation`. */
const fieldOf = (path: JSONPath, key: string): string =>
  [...path, key].reduce<string>((at, s) => (typeof s === 'number' ? `${at}[${s}]` : at ? `${at}.${s}` : s), '');

/**
 * The first key that appears twice in one object of a JSON text, as a field path; null when none.
 * JSON.parse keeps the last of two and drops the other without a word, so which one the ledger
 * recorded would depend on the client's serializer. Read with jsonc-parser's scanner (the text was
 * already parsed as strict JSON).
 */
export const duplicateKey = (text: string): string | null => {
  const open: Set<string>[] = [];
  let found: string | null = null;
  visit(text, {
    onObjectBegin: () => void open.push(new Set()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (property, _offset, _length, _line, _char, pathSupplier) => {
      const keys = open[open.length - 1];
      if (found === null && keys.has(property)) found = fieldOf(pathSupplier(), property);
      keys.add(property);
    },
  });
  return found;
};
