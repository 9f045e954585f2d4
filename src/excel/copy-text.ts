/** Encoding for PostgreSQL COPY ... FROM STDIN (text format). */
function escapeCopy(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function copyLine(values: readonly (string | number | boolean | null)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) line += '\t';
    line += v === null ? '\\N' : typeof v === 'string' ? escapeCopy(v) : String(v);
  }
  return line + '\n';
}

/** A PostgreSQL array literal of text values: {"a","b"}. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
