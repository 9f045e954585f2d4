import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Annual plans, their tasks, commitments, immutable draws, inspections and the replacement log. */
export class Draws1763900100000 implements MigrationInterface {
  name = 'Draws1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan (
        id serial PRIMARY KEY,
        year smallint NOT NULL CONSTRAINT ck_plan_year CHECK (year BETWEEN 2000 AND 2100),
        office varchar(100) NOT NULL,
        doc_prefix varchar(20) NOT NULL,
        title varchar(200) NOT NULL,
        tier_policy jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'draft' CONSTRAINT ck_plan_status CHECK (status IN ('draft', 'published')),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_plan_year_office UNIQUE (year, office),
        -- Task numbers are 前缀抽查〔年〕N号: a prefix names one plan a year.
        CONSTRAINT uq_plan_year_prefix UNIQUE (year, doc_prefix)
      )`);
    await q.query(`
      CREATE TABLE plan_matter (
        plan_id integer NOT NULL CONSTRAINT fk_pm_plan REFERENCES plan(id) ON DELETE CASCADE,
        matter_id integer NOT NULL CONSTRAINT fk_pm_matter REFERENCES inspection_matter(id),
        sampling_ratio numeric(5,4) NOT NULL CONSTRAINT ck_pm_ratio CHECK (sampling_ratio BETWEEN 0 AND 1),
        rounds_per_year smallint NOT NULL CONSTRAINT ck_pm_rounds CHECK (rounds_per_year BETWEEN 1 AND 12),
        PRIMARY KEY (plan_id, matter_id)
      )`);
    await q.query(`
      CREATE TABLE task (
        id serial PRIMARY KEY,
        plan_id integer NOT NULL CONSTRAINT fk_task_plan REFERENCES plan(id),
        seq integer NOT NULL,
        code varchar(60) NOT NULL CONSTRAINT uq_task_code UNIQUE,
        title varchar(200) NOT NULL DEFAULT '',
        round smallint NOT NULL CONSTRAINT ck_task_round CHECK (round BETWEEN 1 AND 12),
        window_start date NOT NULL,
        window_end date NOT NULL,
        matter_ids integer[] NOT NULL,
        targeted boolean NOT NULL DEFAULT false,
        filter jsonb,
        joint boolean NOT NULL DEFAULT false,
        team_size smallint NOT NULL DEFAULT 2 CONSTRAINT ck_task_team CHECK (team_size BETWEEN 2 AND 10),
        max_per_inspector integer CONSTRAINT ck_task_cap CHECK (max_per_inspector >= 1),
        status varchar(16) NOT NULL DEFAULT 'draft' CONSTRAINT ck_task_status CHECK (status IN ('draft', 'committed', 'drawn', 'published')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_task_seq UNIQUE (plan_id, seq),
        CONSTRAINT ck_task_window CHECK (window_end >= window_start),
        CONSTRAINT ck_task_filter CHECK ((filter IS NULL) = NOT targeted)
      )`);
    await q.query(`CREATE INDEX ix_task_plan ON task (plan_id)`);
    await q.query(`
      CREATE TABLE commitment (
        id serial PRIMARY KEY,
        task_id integer NOT NULL CONSTRAINT fk_commitment_task REFERENCES task(id),
        snapshot_hash char(64) NOT NULL,
        committed_at timestamptz NOT NULL,
        seed_sources jsonb NOT NULL,
        counts jsonb NOT NULL,
        snapshot_gz bytea NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'open' CONSTRAINT ck_commitment_status CHECK (status IN ('open', 'drawn', 'withdrawn')),
        created_by varchar(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_commitment_task ON commitment (task_id)`);
    // One open commitment per task: a second commit waits for the first to be drawn or withdrawn.
    await q.query(`CREATE UNIQUE INDEX uq_commitment_open ON commitment (task_id) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE draw (
        id serial PRIMARY KEY,
        task_id integer NOT NULL CONSTRAINT fk_draw_task REFERENCES task(id),
        commitment_id integer NOT NULL CONSTRAINT uq_draw_commitment UNIQUE CONSTRAINT fk_draw_commitment REFERENCES commitment(id),
        algorithm varchar(32) NOT NULL,
        seed char(64) NOT NULL,
        seed_values jsonb NOT NULL,
        result_hash char(64) NOT NULL,
        receipt jsonb NOT NULL,
        strata jsonb NOT NULL,
        counts jsonb NOT NULL,
        result_gz bytea NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active' CONSTRAINT ck_draw_status CHECK (status IN ('active', 'superseded', 'published')),
        superseded_reason text,
        superseded_at timestamptz,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by varchar(64) NOT NULL
      )`);
    // At most one live (active or published) draw per task; superseded ones stay on record.
    await q.query(`CREATE UNIQUE INDEX uq_draw_live ON draw (task_id) WHERE status <> 'superseded'`);
    // A draw is immutable: only its status moves (active -> superseded | published), and it is never deleted.
    await q.query(`
      CREATE FUNCTION draw_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'a draw is never deleted' USING ERRCODE = 'P0001'; END IF;
        IF (NEW.task_id, NEW.commitment_id, NEW.algorithm, NEW.seed, NEW.seed_values, NEW.result_hash, NEW.receipt, NEW.result_gz)
           IS DISTINCT FROM (OLD.task_id, OLD.commitment_id, OLD.algorithm, OLD.seed, OLD.seed_values, OLD.result_hash, OLD.receipt, OLD.result_gz)
           OR OLD.status <> 'active' THEN
          RAISE EXCEPTION 'a draw is immutable' USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_draw_immutable BEFORE UPDATE OR DELETE ON draw FOR EACH ROW EXECUTE FUNCTION draw_immutable()`);
    await q.query(`
      CREATE TABLE inspection (
        id serial PRIMARY KEY,
        draw_id integer NOT NULL CONSTRAINT fk_inspection_draw REFERENCES draw(id),
        enterprise_id integer NOT NULL CONSTRAINT fk_inspection_enterprise REFERENCES enterprise(id),
        uscc char(18) NOT NULL,
        matter_codes varchar[] NOT NULL,
        unstaffed_reason varchar(32),
        CONSTRAINT uq_inspection UNIQUE (draw_id, uscc)
      )`);
    await q.query(`CREATE INDEX ix_inspection_enterprise ON inspection (enterprise_id)`);
    await q.query(`
      CREATE TABLE inspection_member (
        inspection_id integer NOT NULL CONSTRAINT fk_member_inspection REFERENCES inspection(id),
        inspector_id integer NOT NULL CONSTRAINT fk_member_inspector REFERENCES inspector(id),
        PRIMARY KEY (inspection_id, inspector_id)
      )`);
    await q.query(`CREATE INDEX ix_member_inspector ON inspection_member (inspector_id)`);
    await q.query(`
      CREATE TABLE replacement (
        id serial PRIMARY KEY,
        draw_id integer NOT NULL CONSTRAINT fk_replacement_draw REFERENCES draw(id),
        seq integer NOT NULL,
        uscc char(18) NOT NULL,
        removed_cert varchar(32) NOT NULL,
        added_certs varchar[] NOT NULL,
        reason varchar(16) NOT NULL,
        note text NOT NULL DEFAULT '',
        unstaffed varchar(32),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by varchar(64) NOT NULL,
        CONSTRAINT uq_replacement_seq UNIQUE (draw_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['replacement', 'inspection_member', 'inspection', 'draw', 'commitment', 'task', 'plan_matter', 'plan']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query('DROP FUNCTION draw_immutable()');
  }
}
