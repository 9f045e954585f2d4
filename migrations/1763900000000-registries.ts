import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The 一单两库 registries: departments, matters, enterprises, inspectors, conflicts, accounts. */
export class Registries1763900000000 implements MigrationInterface {
  name = 'Registries1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE department (
        id serial PRIMARY KEY,
        code varchar(32) NOT NULL CONSTRAINT uq_department_code UNIQUE,
        name varchar(100) NOT NULL CONSTRAINT uq_department_name UNIQUE,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE inspection_matter (
        id serial PRIMARY KEY,
        code varchar(32) NOT NULL CONSTRAINT uq_matter_code UNIQUE,
        seq integer NOT NULL,
        name varchar(200) NOT NULL CONSTRAINT uq_matter_name UNIQUE,
        target_description text NOT NULL DEFAULT '',
        legal_basis text NOT NULL DEFAULT '',
        responsibility text NOT NULL DEFAULT '',
        measures varchar(200) NOT NULL DEFAULT '',
        sampling_ratio numeric(5,4) NOT NULL CONSTRAINT ck_matter_ratio CHECK (sampling_ratio BETWEEN 0 AND 1),
        rounds_per_year smallint NOT NULL DEFAULT 1 CONSTRAINT ck_matter_rounds CHECK (rounds_per_year BETWEEN 1 AND 12),
        key_supervision boolean NOT NULL DEFAULT false,
        high_risk boolean NOT NULL DEFAULT false,
        lead_department_id integer NOT NULL CONSTRAINT fk_matter_department REFERENCES department(id),
        cooperating_units varchar(200) NOT NULL DEFAULT '',
        required_speciality varchar(50),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_matter_lead_department ON inspection_matter (lead_department_id)`);
    await q.query(`
      CREATE TABLE enterprise (
        id serial PRIMARY KEY,
        uscc char(18) NOT NULL CONSTRAINT uq_enterprise_uscc UNIQUE,
        name varchar(200) NOT NULL,
        region_code char(6) NOT NULL CONSTRAINT ck_enterprise_region CHECK (region_code ~ '^[0-9]{6}$'),
        address varchar(300) NOT NULL DEFAULT '',
        industry varchar(100) NOT NULL DEFAULT '',
        status varchar(16) NOT NULL DEFAULT 'active'
          CONSTRAINT ck_enterprise_status CHECK (status IN ('active','operating','suspended','moved_out','cancelled','revoked','closed')),
        credit_tier char(1) NOT NULL DEFAULT 'B' CONSTRAINT ck_enterprise_tier CHECK (credit_tier IN ('A','B','C','D')),
        new_economy boolean NOT NULL DEFAULT false,
        observation_start date,
        observation_end date,
        trigger_kinds varchar[] NOT NULL DEFAULT '{}',
        accident_count integer NOT NULL DEFAULT 0 CONSTRAINT ck_enterprise_accidents CHECK (accident_count >= 0),
        last_accident_on date,
        matter_ids integer[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_enterprise_observation CHECK (observation_end IS NULL OR observation_start IS NULL OR observation_end >= observation_start)
      )`);
    // Region filters are prefix matches (LIKE '3208%'): pattern ops make them indexable in any locale.
    await q.query(`CREATE INDEX ix_enterprise_region ON enterprise (region_code bpchar_pattern_ops)`);
    // The matters an enterprise is subject to are an attribute of it (from its licences), kept as an
    // array: "who is subject to matter M" is a GIN lookup, and a million-row import writes one row
    // per enterprise instead of a join table with a foreign-key trigger per link. Matters are never
    // deleted (only deactivated), and every writer checks the ids, so no dangling id can appear.
    await q.query(`CREATE INDEX ix_enterprise_matters ON enterprise USING gin (matter_ids)`);
    // Credit tier and status have four and seven values: filters on them scan, so no index.
    await q.query(`
      CREATE TABLE inspector (
        id serial PRIMARY KEY,
        cert_no varchar(32) NOT NULL CONSTRAINT uq_inspector_cert UNIQUE,
        name varchar(50) NOT NULL,
        department_id integer NOT NULL CONSTRAINT fk_inspector_department REFERENCES department(id),
        specialities varchar[] NOT NULL DEFAULT '{}',
        region_code char(6),
        leave_from date,
        leave_until date,
        phone varchar(32) NOT NULL DEFAULT '',
        email varchar(100) NOT NULL DEFAULT '',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_inspector_leave CHECK (leave_until IS NULL OR leave_from IS NULL OR leave_until >= leave_from)
      )`);
    await q.query(`CREATE INDEX ix_inspector_department ON inspector (department_id)`);
    await q.query(`
      CREATE TABLE conflict (
        id serial PRIMARY KEY,
        inspector_id integer NOT NULL CONSTRAINT fk_conflict_inspector REFERENCES inspector(id),
        enterprise_id integer NOT NULL CONSTRAINT fk_conflict_enterprise REFERENCES enterprise(id),
        kind varchar(32) NOT NULL
          CONSTRAINT ck_conflict_kind CHECK (kind IN ('kinship','former_employment','financial_interest','prior_handling','other')),
        reason varchar(300) NOT NULL,
        valid_until date,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_conflict_pair UNIQUE (inspector_id, enterprise_id)
      )`);
    await q.query(`CREATE INDEX ix_conflict_enterprise ON conflict (enterprise_id)`);
    await q.query(`
      CREATE TABLE user_account (
        id serial PRIMARY KEY,
        username varchar(64) NOT NULL CONSTRAINT uq_user_username UNIQUE,
        display_name varchar(100) NOT NULL,
        role varchar(16) NOT NULL CONSTRAINT ck_user_role CHECK (role IN ('office','inspector')),
        password_hash varchar(200) NOT NULL,
        inspector_id integer CONSTRAINT fk_user_inspector REFERENCES inspector(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['user_account', 'conflict', 'inspector', 'enterprise', 'inspection_matter', 'department']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
