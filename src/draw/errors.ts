import { DomainError } from '../common/domain-error';

/** The snapshot or a request breaks the engine's input contract; `problems` lists each one in Chinese. */
export class DrawInputError extends DomainError {
  constructor(readonly problems: string[]) {
    super(
      'VALIDATION_FAILED',
      `抽取输入数据不合法：${problems.slice(0, 5).join('；')}${problems.length > 5 ? ` 等 ${problems.length} 项` : ''}`,
      { problems },
    );
    this.name = 'DrawInputError';
  }
}

export type SeedRefusal =
  | 'NO_SEED_SOURCES'
  | 'SEED_VALUE_MISSING'
  | 'SEED_VALUE_UNDECLARED'
  | 'SEED_VALUE_DUPLICATED'
  | 'SEED_VALUE_BEFORE_COMMITMENT'
  | 'SEED_VALUE_MALFORMED'
  | 'SEED_SECRET_MISMATCH'
  | 'SEED_TIMESTAMP_INVALID'
  | 'SNAPSHOT_HASH_INVALID';

/** A seed cannot be derived: inputs missing, malformed, or fixed before the commitment. */
export class SeedRefusedError extends DomainError {
  constructor(
    readonly refusal: SeedRefusal,
    message: string,
  ) {
    super('CONFLICT', message, { refusal });
    this.name = 'SeedRefusedError';
  }
}
