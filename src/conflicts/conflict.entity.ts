import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CONFLICT_KINDS = {
  kinship: '近亲属关系',
  former_employment: '曾在该单位任职',
  financial_interest: '经济利害关系',
  prior_handling: '曾参与相关案件办理',
  other: '其他',
} as const;
export type ConflictKind = keyof typeof CONFLICT_KINDS;

/** 回避: the inspector must never inspect the enterprise while the conflict is in force. */
@Entity('conflict')
export class Conflict {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'inspector_id', type: 'integer' })
  inspectorId!: number;

  @Column({ name: 'enterprise_id', type: 'integer' })
  enterpriseId!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: ConflictKind;

  @Column({ type: 'varchar', length: 300 })
  reason!: string;

  /** Last day the conflict applies; null means for good. */
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
