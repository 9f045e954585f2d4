import { Injectable } from '@nestjs/common';
import { verifyFiles, type VerificationFiles, type VerificationReport } from './verify-files';

@Injectable()
export class VerificationService {
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * One verification at a time: each holds a whole roster in memory (about 1 GiB at a million
   * enterprises) and the recomputed draw blocks the event loop anyway. Others wait their turn.
   */
  verify(files: VerificationFiles): Promise<VerificationReport> {
    const run = this.tail.then(() => verifyFiles(files));
    this.tail = run.catch(() => undefined);
    return run;
  }
}
