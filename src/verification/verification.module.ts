import { Module } from '@nestjs/common';
import { VerificationController } from './verification.controller';
import { VerificationService } from './verification.service';

/** POST /api/verify: public verification of published draws. Needs no database. */
@Module({
  controllers: [VerificationController],
  providers: [VerificationService],
})
export class VerificationModule {}
