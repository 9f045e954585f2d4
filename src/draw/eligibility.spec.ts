import { assessEnterprise } from './eligibility';
import { preparePlan } from './plan';
import { enterprise, matter, snapshot, task } from './testing';
import type { DrawEnterprise, DrawSnapshot, ExclusionReason } from './types';

const matters = [matter('M01'), matter('M02', { keySupervision: true, baseRatioBp: 10000 }), matter('M03', { highRisk: true })];
const observed: Partial<DrawEnterprise> = {
  newEconomy: true,
  observationStart: '2025-09-01',
  observationEnd: '2027-08-31',
  matters: ['M01', 'M02', 'M03'],
};

function reasons(e: DrawEnterprise, over: Partial<DrawSnapshot> = {}): Record<string, ExclusionReason | null> {
  const plan = preparePlan(snapshot({ matters, ...over }));
  return Object.fromEntries(assessEnterprise(plan, e).map((v) => [v.matter, v.reason]));
}

describe('eligibility', () => {
  it('keeps an ordinary active enterprise for every task matter it is subject to, ignoring others', () => {
    expect(reasons(enterprise(1, { matters: ['M03', 'M99', 'M01', 'M01'] }))).toEqual({ M01: null, M03: null });
  });

  it.each([
    ['cancelled', 'status_cancelled'],
    ['revoked', 'status_revoked'],
    ['closed', 'status_closed'],
    ['moved_out', 'status_moved_out'],
  ] as const)('excludes a %s enterprise from every matter, key supervision included', (status, reason) => {
    expect(reasons(enterprise(1, { status, matters: ['M01', 'M02'] }))).toEqual({ M01: reason, M02: reason });
  });

  it('keeps suspended (停业) enterprises: their sites can still be inspected', () => {
    expect(reasons(enterprise(1, { status: 'suspended' }))).toEqual({ M01: null });
  });

  it('shields new-economy enterprises in their observation period from ordinary matters only', () => {
    expect(reasons(enterprise(1, observed))).toEqual({ M01: 'observation_period', M02: null, M03: null });
  });

  it('lets a trigger (complaint, alert, hand-over) reach them', () => {
    expect(reasons(enterprise(1, { ...observed, triggers: ['complaint'] }))).toEqual({ M01: null, M02: null, M03: null });
  });

  it('treats the period as over when it ends before the window and open where a date is missing', () => {
    expect(reasons(enterprise(1, { ...observed, observationEnd: '2026-03-31' }))).toEqual({ M01: null, M02: null, M03: null });
    expect(reasons(enterprise(1, { ...observed, observationStart: '2026-07-01' }))).toEqual({ M01: null, M02: null, M03: null });
    expect(reasons(enterprise(1, { ...observed, observationStart: null, observationEnd: null }))).toEqual({
      M01: 'observation_period',
      M02: null,
      M03: null,
    });
  });

  it('never picks them in a targeted task without a trigger, even for key supervision', () => {
    const targeted = { task: task({ targeted: true, filter: { regionPrefixes: ['3208'], industries: [], tiers: [] } }) };
    expect(reasons(enterprise(1, observed), targeted)).toEqual({
      M01: 'observation_period_targeted',
      M02: 'observation_period_targeted',
      M03: 'observation_period_targeted',
    });
    expect(reasons(enterprise(1, { ...observed, triggers: ['handover'] }), targeted)).toEqual({ M01: null, M02: null, M03: null });
  });

  it('applies the targeted filter: region prefixes, industries, effective tiers', () => {
    const filter = { regionPrefixes: ['320803', '320804'], industries: ['危险化学品'], tiers: ['C' as const, 'D' as const] };
    const targeted = { task: task({ targeted: true, filter }) };
    expect(reasons(enterprise(1, { tier: 'C' }), targeted)).toEqual({ M01: null });
    expect(reasons(enterprise(1, { tier: 'B' }), targeted)).toEqual({ M01: 'outside_target_scope' });
    expect(reasons(enterprise(1, { tier: 'B', lastAccidentOn: '2025-06-01' }), targeted)).toEqual({ M01: null });
    expect(reasons(enterprise(1, { tier: 'C', region: '320812' }), targeted)).toEqual({ M01: 'outside_target_scope' });
    expect(reasons(enterprise(1, { tier: 'C', industry: '冶金' }), targeted)).toEqual({ M01: 'outside_target_scope' });
  });

  it("excludes enterprises already drawn as often this year as their tier's rounds allow", () => {
    const twice = { matters: [matter('M01', { roundsPerYear: 2 })] };
    expect(reasons(enterprise(1, { tier: 'A', drawnThisYear: { M01: 1 } }), twice)).toEqual({ M01: 'rounds_exhausted' });
    expect(reasons(enterprise(1, { tier: 'B', drawnThisYear: { M01: 1 } }), twice)).toEqual({ M01: null });
    expect(reasons(enterprise(1, { tier: 'B', drawnThisYear: { M01: 2 } }), twice)).toEqual({ M01: 'rounds_exhausted' });
    expect(reasons(enterprise(1, { tier: 'D', drawnThisYear: { M01: 3 } }), twice)).toEqual({ M01: null });
  });

  it('records only the first reason, in the documented order', () => {
    expect(reasons(enterprise(1, { ...observed, status: 'revoked', drawnThisYear: { M01: 5 } }))).toEqual({
      M01: 'status_revoked',
      M02: 'status_revoked',
      M03: 'status_revoked',
    });
    expect(reasons(enterprise(1, { ...observed, drawnThisYear: { M01: 5, M02: 5 } }))).toEqual({
      M01: 'observation_period',
      M02: 'rounds_exhausted',
      M03: null,
    });
  });
});
