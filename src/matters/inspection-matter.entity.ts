import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Department } from '../departments/department.entity';
import { ratioTransformer } from '../common/ratio';

/** One row of the supervised-matter list (随机抽查事项清单, "一单"). */
@Entity('inspection_matter')
export class InspectionMatter {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  /** 序号 in the published list. */
  @Column({ type: 'integer' })
  seq!: number;

  /** 监管事项 */
  @Column({ type: 'varchar', length: 200, unique: true })
  name!: string;

  /** 监管对象 */
  @Column({ name: 'target_description', type: 'text', default: '' })
  targetDescription!: string;

  /** 设定依据 */
  @Column({ name: 'legal_basis', type: 'text', default: '' })
  legalBasis!: string;

  /** 监管责任 */
  @Column({ type: 'text', default: '' })
  responsibility!: string;

  /** 监管措施 */
  @Column({ type: 'varchar', length: 200, default: '' })
  measures!: string;

  /** 抽查比例, exact: numeric(5,4) in the database, a JSON number (0.2 for 20%) in the API. */
  @Column({ name: 'sampling_ratio', type: 'numeric', precision: 5, scale: 4, transformer: ratioTransformer })
  samplingRatio!: number;

  @Column({ name: 'rounds_per_year', type: 'smallint', default: 1 })
  roundsPerYear!: number;

  /** 重点监管: inspected at 100% whatever the tier policy says. */
  @Column({ name: 'key_supervision', type: 'boolean', default: false })
  keySupervision!: boolean;

  /** High-risk matters are never relaxed by observation periods (安全底线). */
  @Column({ name: 'high_risk', type: 'boolean', default: false })
  highRisk!: boolean;

  @Column({ name: 'lead_department_id', type: 'integer' })
  leadDepartmentId!: number;

  @ManyToOne(() => Department)
  @JoinColumn({ name: 'lead_department_id' })
  leadDepartment?: Relation<Department>;

  /** 配合单位, free text as in the published list. */
  @Column({ name: 'cooperating_units', type: 'varchar', length: 200, default: '' })
  cooperatingUnits!: string;

  @Column({ name: 'required_speciality', type: 'varchar', length: 50, nullable: true })
  requiredSpeciality!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
