import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publishing an annual plan: a plan is published exactly when it has a publication time, and the
 * public history of a task (every draw, superseded ones included) is looked up by task.
 */
export class PlanPublication1763900300000 implements MigrationInterface {
  name = 'PlanPublication1763900300000';

  async up(q: QueryRunner): Promise<void> {
    // Plans so far were never published, so every row already satisfies the rule.
    await q.query(`ALTER TABLE plan ADD CONSTRAINT ck_plan_published CHECK ((status = 'published') = (published_at IS NOT NULL))`);
    await q.query(`CREATE INDEX ix_plan_published_year ON plan (year) WHERE status = 'published'`);
    // uq_draw_live covers live draws only; the history reads superseded ones too.
    await q.query(`CREATE INDEX ix_draw_task ON draw (task_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_draw_task`);
    await q.query(`DROP INDEX ix_plan_published_year`);
    await q.query(`ALTER TABLE plan DROP CONSTRAINT ck_plan_published`);
  }
}
