import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type Role = 'office' | 'inspector';

/** A person who signs in: the legal-affairs office or an inspector. The public needs no account. */
@Entity('user_account')
export class UserAccount {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  /** scrypt$salt$hash; never logged nor returned. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200, select: false })
  passwordHash!: string;

  @Column({ name: 'inspector_id', type: 'integer', nullable: true })
  inspectorId!: number | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Raised by a password change or deactivation; tokens of an older version are refused. */
  @Column({ name: 'session_version', type: 'integer', default: 1, select: false })
  sessionVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
