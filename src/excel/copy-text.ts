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

/**
 * COPY text of a chunk of rows, kept as bytes. Each line is encoded as it is added, so that the
 * cells it came from (substrings of the parser's input) can be collected at once instead of
 * surviving, with that input, until the chunk is sent.
 */
export class CopyChunk {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private length = 0;
  rows = 0;

  add(values: readonly (string | number | boolean | null)[]): void {
    const line = copyLine(values);
    // UTF-8 needs at most three bytes per UTF-16 code unit.
    const need = this.length + line.length * 3;
    if (need > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length += this.bytes.write(line, this.length);
    this.rows++;
  }

  /** The chunk's bytes; the chunk starts again empty. */
  take(): Buffer {
    const out = this.bytes.subarray(0, this.length);
    this.bytes = Buffer.allocUnsafe(this.bytes.length);
    this.length = 0;
    this.rows = 0;
    return out;
  }
}
