function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching the user's text anywhere, wildcards in it taken literally. */
export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A LIKE pattern matching values that start with the user's text. */
export function likePrefix(text: string): string {
  return `${escapeLike(text)}%`;
}

/** A timestamptz column as ISO 8601 in China Standard Time, as the public pages show it: 2026-11-23T20:15:03.120+08:00. */
export function shanghaiIso(column: string): string {
  return `to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"')`;
}
