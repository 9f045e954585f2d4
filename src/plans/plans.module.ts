import { Module } from '@nestjs/common';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { PublicPlansController } from './public-plans.controller';
import { PublicPlansService } from './public-plans.service';

@Module({ controllers: [PlansController, PublicPlansController], providers: [PlansService, PublicPlansService], exports: [PlansService] })
export class PlansModule {}
