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
