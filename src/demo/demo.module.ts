import { Module } from '@nestjs/common';
import { DemoDataService } from './demo-data.service';

/** Seeds an empty database with demo data on first start (DEMO_DATA, on by default). */
@Module({
  providers: [DemoDataService],
})
export class DemoModule {}
