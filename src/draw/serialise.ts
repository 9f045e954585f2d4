import { createHash } from 'node:crypto';
import { canonicalJson, compareUtf16, jsonString, sortedSet, type CanonicalValue } from './canonical-json';
import { DrawInputError } from './errors';
import { sortedOrder, usccOrder } from './order';
import { assertValidSnapshot } from './validate';
import type {
  ConflictPair,
  DrawEnterprise,
  DrawInspector,
  DrawMatter,
  DrawSnapshot,
  DrawTask,
  PreviousTeam,
  SeedSource,
  TierPolicy,
  TierRule,
} from './types';

/**
 * The canonical snapshot: UTF-8 text, one JCS JSON object per line, each line ending in
 * "\n". Line 1 is the header (task, matters, tier policy, seed sources, counts), then the
 * enterprises by uscc, inspectors by certNo, conflicts by (certNo, uscc), previous teams by
 * uscc. Only the fields the draw reads are written; sets are sorted and de-duplicated.
 */
export const SNAPSHOT_FORMAT = 'ssj-draw-snapshot/1';

const str = jsonString;
const strOrNull = (v: string | null): string => (v === null ? 'null' : str(v));
function setJson(values: readonly string[]): string {
  // Most sets arrive sorted and distinct; only the others pay for a copy.
  let canonical = true;
  for (let i = 1; i < values.length; i++) if (!(values[i - 1] < values[i])) canonical = false;
  const list = canonical ? values : sortedSet(values);
  let out = '[';
  for (let i = 0; i < list.length; i++) out += (i > 0 ? ',' : '') + str(list[i]);
  return `${out}]`;
}

function taskJson(t: DrawTask): CanonicalValue {
  const f = t.filter;
  return {
    code: t.code,
    filter:
      f === null ? null : { industries: sortedSet(f.industries), regionPrefixes: sortedSet(f.regionPrefixes), tiers: sortedSet(f.tiers) },
    joint: t.joint,
    maxPerInspector: t.maxPerInspector,
    round: t.round,
    targeted: t.targeted,
    teamSize: t.teamSize,
    windowEnd: t.windowEnd,
    windowStart: t.windowStart,
    year: t.year,
  };
}

const matterJson = (m: DrawMatter): CanonicalValue => ({
  baseRatioBp: m.baseRatioBp,
  code: m.code,
  highRisk: m.highRisk,
  keySupervision: m.keySupervision,
  leadDepartment: m.leadDepartment,
  requiredSpeciality: m.requiredSpeciality,
  roundsPerYear: m.roundsPerYear,
});

const ruleJson = (r: TierRule): CanonicalValue => ({
  ratio: r.ratio.kind === 'multiplier' ? { kind: 'multiplier', percent: r.ratio.percent } : { kind: 'fixed', bp: r.ratio.bp },
  rounds: r.rounds.kind === 'relative' ? { kind: 'relative', delta: r.rounds.delta } : { kind: 'fixed', perYear: r.rounds.perYear },
});

const policyJson = (p: TierPolicy): CanonicalValue => ({
  A: ruleJson(p.A),
  B: ruleJson(p.B),
  C: ruleJson(p.C),
  D: ruleJson(p.D),
  accidentLookbackYears: p.accidentLookbackYears,
  accidentTier: p.accidentTier,
});

const sourceJson = (s: SeedSource): CanonicalValue => ({
  description: s.description,
  id: s.id,
  kind: s.kind,
  ordered: s.ordered,
  secretSha256: s.secretSha256,
});

/** The first line (without its "\n"), for a roster of `enterpriseCount` and the other parts as given. */
export function snapshotHeader(s: Omit<DrawSnapshot, 'enterprises'>, enterpriseCount: number): string {
  const header: CanonicalValue = {
    counts: {
      conflicts: canonicalConflicts(s.conflicts).length,
      enterprises: enterpriseCount,
      inspectors: s.inspectors.length,
      previousTeams: s.previousTeams.length,
    },
    format: SNAPSHOT_FORMAT,
    matters: [...s.matters].sort((a, b) => compareUtf16(a.code, b.code)).map(matterJson),
    seedSources: [...s.seedSources].sort((a, b) => compareUtf16(a.id, b.id)).map(sourceJson),
    task: taskJson(s.task),
    tierPolicy: policyJson(s.tierPolicy),
  };
  return canonicalJson(header);
}

function drawnJson(drawn: Record<string, number> | undefined): string {
  if (drawn === undefined) return '{}';
  const keys = Object.keys(drawn)
    .filter((k) => drawn[k] > 0)
    .sort(compareUtf16);
  return `{${keys.map((k) => `${str(k)}:${drawn[k]}`).join(',')}}`;
}

/** One enterprise line, keys in JCS order (hand-written for speed; tested against canonicalJson). */
export function enterpriseLine(e: DrawEnterprise): string {
  return (
    `{"drawnThisYear":${drawnJson(e.drawnThisYear)},"industry":${str(e.industry)},"lastAccidentOn":${strOrNull(e.lastAccidentOn)}` +
    `,"matters":${setJson(e.matters)},"newEconomy":${e.newEconomy},"observationEnd":${strOrNull(e.observationEnd)}` +
    `,"observationStart":${strOrNull(e.observationStart)},"region":${str(e.region)},"status":${str(e.status)},"tier":${str(e.tier)}` +
    `,"triggers":${setJson(e.triggers ?? [])},"uscc":${str(e.uscc)}}`
  );
}

export function inspectorLine(i: DrawInspector): string {
  const leave = [...new Set(i.leave.map((l) => `{"from":${str(l.from)},"until":${str(l.until)}}`))].sort(compareUtf16);
  return `{"certNo":${str(i.certNo)},"department":${str(i.department)},"leave":[${leave.join(',')}],"specialities":${setJson(i.specialities)}}`;
}

export const conflictLine = (c: ConflictPair): string => `{"certNo":${str(c.certNo)},"uscc":${str(c.uscc)}}`;
export const previousTeamLine = (t: PreviousTeam): string => `{"certNos":${setJson(t.certNos)},"uscc":${str(t.uscc)}}`;

/** Conflicts as a set, sorted by (certNo, uscc). */
export function canonicalConflicts(conflicts: readonly ConflictPair[]): ConflictPair[] {
  const sorted = [...conflicts].sort((a, b) => compareUtf16(a.certNo, b.certNo) || compareUtf16(a.uscc, b.uscc));
  return sorted.filter((c, i) => i === 0 || c.certNo !== sorted[i - 1].certNo || c.uscc !== sorted[i - 1].uscc);
}

/** The canonical lines, each with its trailing "\n". */
export function* snapshotLines(s: DrawSnapshot): Generator<string> {
  // Only a valid snapshot has a canonical form (and the radix sort needs well-formed USCCs).
  assertValidSnapshot(s);
  yield `${snapshotHeader(s, s.enterprises.length)}\n`;
  for (const i of usccOrder(s.enterprises.map((e) => e.uscc))) yield `${enterpriseLine(s.enterprises[i])}\n`;
  yield* snapshotTailLines(s);
}

/**
 * The lines after the roster, each with its "\n": inspectors by certNo, conflicts by
 * (certNo, uscc), previous teams by uscc. For writers that stream the roster themselves.
 */
export function* snapshotTailLines(s: Omit<DrawSnapshot, 'enterprises'>): Generator<string> {
  for (const i of sortedOrder(s.inspectors, (x) => x.certNo, '执法证号')) yield `${inspectorLine(s.inspectors[i])}\n`;
  for (const c of canonicalConflicts(s.conflicts)) yield `${conflictLine(c)}\n`;
  for (const i of usccOrder(
    s.previousTeams.map((t) => t.uscc),
    '上次检查组记录',
  ))
    yield `${previousTeamLine(s.previousTeams[i])}\n`;
}

/** Lowercase hex SHA-256 of the concatenated lines, fed in batches of lines. */
export function sha256OfLines(lines: Iterable<string>): string {
  const hash = createHash('sha256');
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    if (batch.length === 4096) {
      hash.update(batch.join(''), 'utf8');
      batch = [];
    }
  }
  hash.update(batch.join(''), 'utf8');
  return hash.digest('hex');
}

export function hashSnapshot(s: DrawSnapshot): string {
  return sha256OfLines(snapshotLines(s));
}

export function serialiseSnapshot(s: DrawSnapshot): string {
  return [...snapshotLines(s)].join('');
}

type Header = {
  format: string;
  task: DrawTask;
  matters: DrawMatter[];
  tierPolicy: TierPolicy;
  seedSources: SeedSource[];
  counts: { enterprises: number; inspectors: number; conflicts: number; previousTeams: number };
};

const SECTIONS = [
  ['enterprises', '检查对象'],
  ['inspectors', '执法人员'],
  ['conflicts', '回避关系'],
  ['previousTeams', '上次检查组'],
] as const;

/**
 * Reads canonical snapshot lines one at a time (with or without their "\n"), so that a file
 * can be read as it is decompressed: the header first, then the sections in order. Enterprise
 * lines are handed back to the caller rather than kept, so the roster need not be held whole.
 */
export class SnapshotLineReader {
  private header: Header | null = null;
  private section = 0;
  private left = 0;
  private readonly rest: Pick<DrawSnapshot, 'inspectors' | 'conflicts' | 'previousTeams'> = { inspectors: [], conflicts: [], previousTeams: [] };

  /** The parts of the first line, once it is read; the other parts are empty until `end`. */
  get headerParts(): Omit<DrawSnapshot, 'enterprises'> | null {
    const h = this.header;
    return h && { task: h.task, matters: h.matters, tierPolicy: h.tierPolicy, seedSources: h.seedSources, inspectors: [], conflicts: [], previousTeams: [] };
  }

  /**
   * Takes the next line; answers the enterprise it holds, or null for any other line. With
   * `skipEnterprises`, enterprise lines are counted but not parsed (for readers of the other parts).
   */
  line(text: string, skipEnterprises = false): DrawEnterprise | null {
    if (this.header === null) {
      const h = parseLine(text, '首行') as Header;
      if (h.format !== SNAPSHOT_FORMAT) throw new DrawInputError([`快照格式“${h.format}”不受支持`]);
      if (!SECTIONS.every(([key]) => Number.isSafeInteger(h.counts?.[key]) && h.counts[key] >= 0)) throw new DrawInputError(['快照首行的行数声明无效']);
      this.header = h;
      this.left = h.counts.enterprises;
      this.skipEmptySections();
      return null;
    }
    if (this.section >= SECTIONS.length) throw new DrawInputError(['快照文件在声明的行数之后还有内容']);
    const [key, what] = SECTIONS[this.section];
    if (key === 'enterprises' && skipEnterprises) {
      this.left--;
      this.skipEmptySections();
      return null;
    }
    const value = parseLine(text, what);
    this.left--;
    this.skipEmptySections();
    if (key === 'enterprises') return value as unknown as DrawEnterprise;
    (this.rest[key] as unknown[]).push(value);
    return null;
  }

  /** Everything but the enterprises, after checking that every declared line was read. */
  end(): Omit<DrawSnapshot, 'enterprises'> {
    if (this.header === null) throw new DrawInputError(['快照文件不完整：缺少首行']);
    if (this.section < SECTIONS.length) throw new DrawInputError([`快照文件不完整：缺少${SECTIONS[this.section][1]}`]);
    return { ...this.headerParts!, ...this.rest };
  }

  private skipEmptySections(): void {
    while (this.left === 0 && this.section < SECTIONS.length) {
      this.section++;
      if (this.section < SECTIONS.length) this.left = this.header!.counts[SECTIONS[this.section][0]];
    }
  }
}

function parseLine(text: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new DrawInputError([`快照文件中${what}不是合法的 JSON`]);
  }
}

/** Reads canonical snapshot lines back (with or without their "\n"); blank lines are not allowed. */
export function parseSnapshotLines(lines: Iterable<string>): DrawSnapshot {
  const reader = new SnapshotLineReader();
  const enterprises: DrawEnterprise[] = [];
  for (const text of lines) {
    const e = reader.line(text);
    if (e !== null) enterprises.push(e);
  }
  return { ...reader.end(), enterprises };
}
