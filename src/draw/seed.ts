import { createHash } from 'node:crypto';
import { compareUtf16 } from './canonical-json';
import { SeedRefusedError } from './errors';
import type { DerivedSeed, IsoTimestamp, SeedInputs, SeedSource, SeedValue } from './types';

/**
 * RFC 3797 in spirit: each source's value is canonicalised, the sources are listed in a
 * fixed order after the snapshot hash, and the seed is the SHA-256 of that text. Every
 * value must have come into existence after the commitment.
 */
export const SEED_FORMAT = 'ssj-draw-seed/1';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or null for anything but a full ISO 8601 timestamp with an offset. */
export function parseTimestamp(value: IsoTimestamp): number | null {
  const m = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x)));
  // Each field within its range, the day within its month: 2026-02-30 is refused, not rolled over.
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(local);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  const offset = m[8];
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4)) > 59)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function canonicalValue(source: SeedSource, value: SeedValue['value']): string {
  const malformed = (why: string): never => {
    throw new SeedRefusedError('SEED_VALUE_MALFORMED', `随机种子来源 ${source.id} 的取值无效：${why}`);
  };
  switch (source.kind) {
    case 'lottery': {
      if (!Array.isArray(value) || value.length === 0 || !value.every((n) => Number.isSafeInteger(n) && n >= 0)) {
        return malformed('彩票开奖号码应为非负整数列表');
      }
      const numbers = source.ordered ? value : [...value].sort((a, b) => a - b);
      return numbers.map((n) => `${n}.`).join('');
    }
    case 'beacon':
      if (typeof value !== 'string' || !/^(?:[0-9a-fA-F]{2}){16,}$/.test(value))
        return malformed('随机信标输出应为至少 128 位的十六进制串');
      return value.toLowerCase();
    case 'official':
      if (typeof value !== 'string' || !/^[0-9a-f]{32,128}$/.test(value)) return malformed('工作人员密钥应为 32–128 位小写十六进制串');
      if (sha256Hex(value) !== source.secretSha256) {
        throw new SeedRefusedError('SEED_SECRET_MISMATCH', `随机种子来源 ${source.id} 公布的密钥与提交时登记的摘要不符`);
      }
      return value;
  }
}

/**
 * The seed for a committed snapshot. Throws SeedRefusedError when a declared source has no
 * value, a value is for an undeclared source, or any value existed at or before committedAt.
 */
export function deriveSeed(sources: readonly SeedSource[], inputs: SeedInputs): DerivedSeed {
  if (!/^[0-9a-f]{64}$/.test(inputs.snapshotHash))
    throw new SeedRefusedError('SNAPSHOT_HASH_INVALID', '快照摘要应为 64 位小写十六进制 SHA-256');
  if (sources.length === 0) throw new SeedRefusedError('NO_SEED_SOURCES', '提交时未指定任何随机种子来源，不能抽取');
  const committedAt = parseTimestamp(inputs.committedAt);
  if (committedAt === null)
    throw new SeedRefusedError('SEED_TIMESTAMP_INVALID', `提交时间“${inputs.committedAt}”不是带时区的 ISO 8601 时间`);
  const byId = new Map<string, SeedValue>();
  for (const v of inputs.values) {
    if (!sources.some((s) => s.id === v.sourceId))
      throw new SeedRefusedError('SEED_VALUE_UNDECLARED', `随机种子来源 ${v.sourceId} 未在提交时指定`);
    if (byId.has(v.sourceId)) throw new SeedRefusedError('SEED_VALUE_DUPLICATED', `随机种子来源 ${v.sourceId} 给出了多个取值`);
    byId.set(v.sourceId, v);
  }
  const lines = [SEED_FORMAT, `snapshot:${inputs.snapshotHash}`];
  for (const source of [...sources].sort((a, b) => compareUtf16(a.id, b.id))) {
    const v = byId.get(source.id);
    if (!v) throw new SeedRefusedError('SEED_VALUE_MISSING', `随机种子来源 ${source.id}（${source.description}）尚无取值，不能抽取`);
    const at = parseTimestamp(v.availableAt);
    if (at === null) throw new SeedRefusedError('SEED_TIMESTAMP_INVALID', `随机种子来源 ${source.id} 的产生时间“${v.availableAt}”无效`);
    if (at <= committedAt) {
      throw new SeedRefusedError('SEED_VALUE_BEFORE_COMMITMENT', `随机种子来源 ${source.id} 的取值产生于快照提交之前或同时，不能作为种子`);
    }
    lines.push(`${source.id}:${canonicalValue(source, v.value)}`);
  }
  const material = `${lines.join('\n')}\n`;
  return { seed: sha256Hex(material), material };
}
