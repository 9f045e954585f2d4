/**
 * RFC 8785 (JCS) canonical JSON for the values the draw uses: strings, safe integers,
 * booleans, null, arrays and plain objects. Keys are sorted by UTF-16 code units, no
 * whitespace; strings are escaped exactly as ECMAScript JSON.stringify does.
 */
export type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue };

const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON string literal exactly as JSON.stringify writes it, without its cost for plain text. */
export function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

export function canonicalJson(value: CanonicalValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // Only integers: float formatting is where implementations disagree.
      if (!Number.isSafeInteger(value)) throw new TypeError(`canonical JSON takes safe integers only, got ${value}`);
      return String(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      return `{${Object.keys(value)
        .filter((k) => value[k] !== undefined)
        .sort(compareUtf16)
        .map((k) => `${jsonString(k)}:${canonicalJson(value[k])}`)
        .join(',')}}`;
    default:
      throw new TypeError(`canonical JSON cannot encode ${typeof value}`);
  }
}

/** Code-unit order, the order of JS `<` on strings and of JCS key sorting. */
export function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted copy without duplicates. */
export function sortedSet(values: readonly string[]): string[] {
  const out = [...values].sort(compareUtf16);
  return out.filter((v, i) => i === 0 || v !== out[i - 1]);
}
