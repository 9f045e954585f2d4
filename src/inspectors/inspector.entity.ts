import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A certified inspector of the pool (执法检查人员名录库). */
@Entity('inspector')
export class Inspector {
  @PrimaryGeneratedColumn()
  id!: number;

  /** 执法证号 */
  @Column({ name: 'cert_no', type: 'varchar', length: 32, unique: true })
  certNo!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ name: 'department_id', type: 'integer' })
  departmentId!: number;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  specialities!: string[];

  @Column({ name: 'region_code', type: 'char', length: 6, nullable: true })
  regionCode!: string | null;

  /** Leave (inclusive dates); an inspector on leave during a round is not drawn for it. */
  @Column({ name: 'leave_from', type: 'date', nullable: true })
  leaveFrom!: string | null;

  @Column({ name: 'leave_until', type: 'date', nullable: true })
  leaveUntil!: string | null;

  /** Contact details: office-only, never published. */
  @Column({ type: 'varchar', length: 32, default: '' })
  phone!: string;

  @Column({ type: 'varchar', length: 100, default: '' })
  email!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
