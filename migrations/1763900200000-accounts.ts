import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts the office manages: a password change, a reset or a deactivation ends the sessions
 * signed before it (tokens carry the account's session version), and an inspector account
 * belongs to one inspector.
 */
export class Accounts1763900200000 implements MigrationInterface {
  name = 'Accounts1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_account ADD COLUMN session_version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE user_account ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE UNIQUE INDEX uq_user_inspector ON user_account (inspector_id) WHERE inspector_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_user_inspector`);
    await q.query(`ALTER TABLE user_account DROP COLUMN updated_at`);
    await q.query(`ALTER TABLE user_account DROP COLUMN session_version`);
  }
}
