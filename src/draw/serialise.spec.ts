import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, jsonString, type CanonicalValue } from './canonical-json';
import { DrawInputError } from './errors';
import { enterpriseLine, hashSnapshot, inspectorLine, parseSnapshotLines, serialiseSnapshot, snapshotLines } from './serialise';
import { enterprise, inspector, snapshot, shuffled, uscc } from './testing';
import type { DrawEnterprise, DrawSnapshot } from './types';

describe('canonical JSON (RFC 8785 subset)', () => {
  it('sorts keys by UTF-16 code units and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], A: { z: -3, é: '' } })).toBe('{"A":{"z":-3,"é":""},"a":[true,null,"x"],"b":1}');
  });

  it('refuses non-integers, whose formatting differs between languages', () => {
    expect(() => canonicalJson(0.5)).toThrow(TypeError);
    expect(() => canonicalJson(2 ** 53)).toThrow(TypeError);
  });

  it('escapes strings exactly as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        expect(jsonString(s)).toBe(JSON.stringify(s));
      }),
      { numRuns: 300 },
    );
    expect(jsonString('淮应急抽查〔2026〕3号')).toBe('"淮应急抽查〔2026〕3号"');
    expect(jsonString('a"b\\c\n\u0001\ud800')).toBe('"a\\"b\\\\c\\n\\u0001\\ud800"');
  });
});

/** The object a hand-written line must equal, built the slow generic way. */
function enterpriseObject(e: DrawEnterprise): CanonicalValue {
  const set = (xs: string[]): string[] => [...new Set(xs)].sort();
  return {
    uscc: e.uscc,
    region: e.region,
    industry: e.industry,
    status: e.status,
    tier: e.tier,
    newEconomy: e.newEconomy,
    observationStart: e.observationStart,
    observationEnd: e.observationEnd,
    triggers: set(e.triggers ?? []),
    lastAccidentOn: e.lastAccidentOn,
    matters: set(e.matters),
    drawnThisYear: Object.fromEntries(Object.entries(e.drawnThisYear ?? {}).filter(([, n]) => n > 0)),
  };
}

describe('canonical snapshot lines', () => {
  it('writes enterprise and inspector lines equal to the generic canonical JSON', () => {
    fc.assert(
      fc.property(
        fc.record({
          industry: fc.string({ maxLength: 6 }),
          matters: fc.array(fc.constantFrom('M01', 'M02', 'M10', '事项'), { maxLength: 4 }),
          triggers: fc.subarray(['complaint', 'handover', 'monitoring_alert'] as const),
          drawn: fc.dictionary(fc.constantFrom('M01', 'M02'), fc.nat(3)),
          newEconomy: fc.boolean(),
        }),
        (r) => {
          const e = enterprise(1, {
            industry: r.industry,
            matters: r.matters,
            triggers: [...r.triggers],
            drawnThisYear: r.drawn,
            newEconomy: r.newEconomy,
            observationEnd: '2027-01-01',
          });
          expect(enterpriseLine(e)).toBe(canonicalJson(enterpriseObject(e)));
        },
      ),
      { numRuns: 200 },
    );
    const i = inspector(1, {
      specialities: ['危化', '烟花', '危化'],
      leave: [
        { from: '2026-05-01', until: '2026-05-03' },
        { from: '2026-04-01', until: '2026-04-02' },
      ],
    });
    expect(inspectorLine(i)).toBe(
      canonicalJson({
        certNo: i.certNo,
        department: i.department,
        specialities: ['危化', '烟花'],
        leave: [
          { from: '2026-04-01', until: '2026-04-02' },
          { from: '2026-05-01', until: '2026-05-03' },
        ],
      }),
    );
  });

  it('has one header line, then enterprises, inspectors, conflicts and previous teams, each ending in \\n', () => {
    const s = snapshot({
      conflicts: [{ certNo: 'ZF0001', uscc: uscc(2) }],
      previousTeams: [{ uscc: uscc(3), certNos: ['ZF0002', 'ZF0001'] }],
    });
    const lines = [...snapshotLines(s)];
    expect(lines).toHaveLength(1 + 10 + 6 + 1 + 1);
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    expect(JSON.parse(lines[0]).counts).toEqual({ conflicts: 1, enterprises: 10, inspectors: 6, previousTeams: 1 });
    expect(lines.at(-1)).toBe(`{"certNos":["ZF0001","ZF0002"],"uscc":"${uscc(3)}"}\n`);
  });

  it('hashes the UTF-8 bytes of the text with SHA-256', () => {
    const s = snapshot();
    expect(hashSnapshot(s)).toBe(
      createHash('sha256')
        .update(Buffer.from(serialiseSnapshot(s), 'utf8'))
        .digest('hex'),
    );
  });

  it('does not depend on the order of any collection, nor on duplicates in sets', () => {
    const s = snapshot({
      enterprises: Array.from({ length: 30 }, (_, n) => enterprise(n, { matters: n % 2 ? ['M01', 'M02'] : ['M02'] })),
      conflicts: [
        { certNo: 'ZF0001', uscc: uscc(2) },
        { certNo: 'ZF0000', uscc: uscc(5) },
      ],
    });
    const t: DrawSnapshot = {
      ...s,
      enterprises: shuffled(s.enterprises, 7).map((e) => ({ ...e, matters: [...e.matters].reverse().concat(e.matters) })),
      inspectors: shuffled(s.inspectors, 3),
      conflicts: [...s.conflicts].reverse().concat(s.conflicts),
      seedSources: [...s.seedSources].reverse(),
    };
    expect(hashSnapshot(t)).toBe(hashSnapshot(s));
  });

  it('changes when any field the draw reads changes', () => {
    const s = snapshot();
    const changed = { ...s, enterprises: s.enterprises.map((e, i) => (i === 4 ? { ...e, tier: 'C' as const } : e)) };
    expect(hashSnapshot(changed)).not.toBe(hashSnapshot(s));
    expect(hashSnapshot({ ...s, task: { ...s.task, teamSize: 3 } })).not.toBe(hashSnapshot(s));
  });

  it('reads its own output back to the same snapshot hash', () => {
    const s = snapshot({ conflicts: [{ certNo: 'ZF0001', uscc: uscc(2) }], previousTeams: [{ uscc: uscc(3), certNos: ['ZF0002'] }] });
    const text = serialiseSnapshot(s);
    const parsed = parseSnapshotLines(text.split('\n').slice(0, -1));
    expect(serialiseSnapshot(parsed)).toBe(text);
  });

  it('refuses an invalid snapshot with every problem in Chinese', () => {
    const s = snapshot({
      enterprises: [enterprise(1, { tier: 'E' as never }), enterprise(2, { uscc: 'bad' })],
      task: { ...snapshot().task, teamSize: 1 },
    });
    let error: unknown;
    try {
      hashSnapshot(s);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DrawInputError);
    const problems = (error as DrawInputError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('检查组人数'),
        expect.stringContaining('信用等级“E”无效'),
        expect.stringContaining('统一社会信用代码格式无效'),
      ]),
    );
  });

  it('refuses duplicate enterprises', () => {
    const s = snapshot({ enterprises: [enterprise(1), enterprise(2), enterprise(1)] });
    expect(() => hashSnapshot(s)).toThrow(/重复/);
  });
});
