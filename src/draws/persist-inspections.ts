import type { EntityManager } from 'typeorm';
import type { DrawResult } from '../draw';

const CHUNK = 10_000;

/** Writes the drawn inspections and their teams, set-based, in chunks. */
export async function persistInspections(tx: EntityManager, drawId: number, result: DrawResult): Promise<void> {
  const rows = [
    ...result.inspections.map((i) => ({ uscc: i.uscc, matters: i.matters, team: i.team, reason: null as string | null })),
    ...result.unstaffed.map((u) => ({ uscc: u.uscc, matters: u.matters, team: [] as string[], reason: u.reason as string })),
  ];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const part = rows.slice(start, start + CHUNK);
    await tx.query(
      `INSERT INTO inspection (draw_id, enterprise_id, uscc, matter_codes, unstaffed_reason)
       SELECT $1, e.id, x.uscc, string_to_array(x.matters, ','), x.reason
       FROM unnest($2::text[], $3::text[], $4::text[]) AS x(uscc, matters, reason) JOIN enterprise e ON e.uscc = x.uscc`,
      [drawId, part.map((r) => r.uscc), part.map((r) => r.matters.join(',')), part.map((r) => r.reason)],
    );
    const members = part.flatMap((r) => r.team.map((cert) => [r.uscc, cert] as const));
    if (members.length) {
      await tx.query(
        `INSERT INTO inspection_member (inspection_id, inspector_id)
         SELECT i.id, ins.id FROM unnest($2::text[], $3::text[]) AS x(uscc, cert)
         JOIN inspection i ON i.draw_id = $1 AND i.uscc = x.uscc JOIN inspector ins ON ins.cert_no = x.cert`,
        [drawId, members.map((m) => m[0]), members.map((m) => m[1])],
      );
    }
  }
}
