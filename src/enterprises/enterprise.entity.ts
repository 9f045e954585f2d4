import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CreditTier, EnterpriseStatus, TriggerKind } from './enterprise-status';

/** One supervised entity of the roster (检查对象名录库), keyed by its USCC. */
@Entity('enterprise')
export class Enterprise {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'char', length: 18, unique: true })
  uscc!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** 行政区划代码, 6 digits. */
  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  address!: string;

  @Column({ type: 'varchar', length: 100, default: '' })
  industry!: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: EnterpriseStatus;

  @Column({ name: 'credit_tier', type: 'char', length: 1, default: 'B' })
  creditTier!: CreditTier;

  /** 四新 (new technology, industry, format or model) enterprise. */
  @Column({ name: 'new_economy', type: 'boolean', default: false })
  newEconomy!: boolean;

  /** Inclusion / observation period (包容期 / 观察期), inclusive dates. */
  @Column({ name: 'observation_start', type: 'date', nullable: true })
  observationStart!: string | null;

  @Column({ name: 'observation_end', type: 'date', nullable: true })
  observationEnd!: string | null;

  @Column({ name: 'trigger_kinds', type: 'varchar', array: true, default: () => "'{}'" })
  triggerKinds!: TriggerKind[];

  @Column({ name: 'accident_count', type: 'integer', default: 0 })
  accidentCount!: number;

  @Column({ name: 'last_accident_on', type: 'date', nullable: true })
  lastAccidentOn!: string | null;

  /** Ids of the matters it is subject to (from its licences or industry), ascending. */
  @Column({ name: 'matter_ids', type: 'integer', array: true, default: () => "'{}'" })
  matterIds!: number[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
