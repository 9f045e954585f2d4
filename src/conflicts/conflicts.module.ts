import { Module } from '@nestjs/common';
import { ConflictExcelController } from './conflict-excel.controller';
import { ConflictsController } from './conflicts.controller';
import { ConflictsService } from './conflicts.service';

@Module({ controllers: [ConflictExcelController, ConflictsController], providers: [ConflictsService] })
export class ConflictsModule {}
