/** Now as ISO 8601 in China Standard Time, e.g. 2026-11-23T20:15:03.120+08:00. */
export function nowInShanghai(now = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3600_000).toISOString().replace('Z', '');
  return `${local}+08:00`;
}
