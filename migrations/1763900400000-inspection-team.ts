import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lean inspection rows, so that saving a draw of 1,000,000 enterprises (about 190,000 inspections
 * and 380,000 team seats) is one insert of plain rows (docs/benchmarks.md):
 *
 * - An inspection's team becomes an array of inspector ids on the inspection row, found by a GIN
 *   index, instead of one inspection_member row per seat (its two indexes, two foreign-key checks).
 * - The inspection's references to its draw and its enterprise are kept by the rule that the rows
 *   referred to are never deleted and never change id, enforced on those tables, instead of one
 *   foreign-key check per inserted row (about half of the insert's time). Draws were never
 *   deletable already; enterprises and inspectors are kept on record too (a closed enterprise is
 *   注销, an inspector who left is inactive), which is what the registers are for. The draw inserts
 *   ids it has just read by joining on the codes, in the same transaction.
 */
export class InspectionTeam1763900400000 implements MigrationInterface {
  name = 'InspectionTeam1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inspection ADD COLUMN team_ids integer[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE inspection i SET team_ids = m.ids
      FROM (SELECT inspection_id, array_agg(inspector_id ORDER BY inspector_id) AS ids FROM inspection_member GROUP BY inspection_id) m
      WHERE m.inspection_id = i.id`);
    await q.query(`ALTER TABLE inspection ALTER COLUMN team_ids DROP DEFAULT`);
    await q.query(`ALTER TABLE inspection ADD CONSTRAINT ck_inspection_team CHECK (array_position(team_ids, NULL) IS NULL)`);
    await q.query(`CREATE INDEX ix_inspection_team ON inspection USING gin (team_ids)`);
    await q.query(`DROP TABLE inspection_member`);
    await q.query(`ALTER TABLE inspection DROP CONSTRAINT fk_inspection_draw, DROP CONSTRAINT fk_inspection_enterprise`);
    await q.query(`
      CREATE FUNCTION row_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION '% % is never deleted (deactivate it instead)', TG_TABLE_NAME, OLD.id USING ERRCODE = 'P0001';
        END IF;
        IF NEW.id <> OLD.id THEN
          RAISE EXCEPTION '% % is never renumbered', TG_TABLE_NAME, OLD.id USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    for (const t of KEPT) {
      await q.query(`CREATE TRIGGER tr_${t}_kept BEFORE DELETE OR UPDATE OF id ON ${t} FOR EACH ROW EXECUTE FUNCTION row_kept()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of KEPT) await q.query(`DROP TRIGGER tr_${t}_kept ON ${t}`);
    await q.query(`DROP FUNCTION row_kept()`);
    await q.query(`ALTER TABLE inspection ADD CONSTRAINT fk_inspection_draw FOREIGN KEY (draw_id) REFERENCES draw(id)`);
    await q.query(`ALTER TABLE inspection ADD CONSTRAINT fk_inspection_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprise(id)`);
    await q.query(`
      CREATE TABLE inspection_member (
        inspection_id integer NOT NULL CONSTRAINT fk_member_inspection REFERENCES inspection(id),
        inspector_id integer NOT NULL CONSTRAINT fk_member_inspector REFERENCES inspector(id),
        PRIMARY KEY (inspection_id, inspector_id)
      )`);
    await q.query(`CREATE INDEX ix_member_inspector ON inspection_member (inspector_id)`);
    await q.query(`INSERT INTO inspection_member (inspection_id, inspector_id) SELECT DISTINCT i.id, t.id FROM inspection i CROSS JOIN LATERAL unnest(i.team_ids) AS t(id)`);
    await q.query(`ALTER TABLE inspection DROP COLUMN team_ids`);
  }
}

/** The tables whose rows inspections refer to by id (a draw already refused deletion; this adds renumbering). */
const KEPT = ['draw', 'enterprise', 'inspector'] as const;
