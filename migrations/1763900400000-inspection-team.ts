import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An inspection's team becomes an array of inspector ids on the inspection row, found by a GIN
 * index, instead of one inspection_member row per seat. A draw of 1,000,000 enterprises writes
 * about 190,000 inspections and 380,000 seats; the seat rows, their two indexes and their two
 * foreign-key checks each were most of the time it took to save a draw (docs/benchmarks.md).
 *
 * An array cannot carry a foreign key, so the rule is kept from the other side: an inspector on
 * any team is never deleted and never changes id (inspectors are deactivated, not deleted), and
 * the draw locks the rows of the inspectors it staffs (FOR KEY SHARE, as a foreign key would).
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
    await q.query(`
      CREATE FUNCTION inspector_on_team() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (TG_OP = 'DELETE' OR NEW.id <> OLD.id) AND EXISTS (SELECT 1 FROM inspection WHERE team_ids @> ARRAY[OLD.id]) THEN
          RAISE EXCEPTION 'inspector % is on a drawn team', OLD.id USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER tr_inspector_on_team BEFORE DELETE OR UPDATE OF id ON inspector FOR EACH ROW EXECUTE FUNCTION inspector_on_team()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_inspector_on_team ON inspector`);
    await q.query(`DROP FUNCTION inspector_on_team()`);
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
