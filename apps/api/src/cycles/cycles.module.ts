import { Module } from '@nestjs/common';
import { CycleProgressRepository } from './cycle-progress.repository';
import { CycleProgressService } from './cycle-progress.service';
import { CyclesController } from './cycles.controller';
import { CyclesRepository } from './cycles.repository';
import { CyclesService } from './cycles.service';

@Module({
  controllers: [CyclesController],
  providers: [CyclesService, CyclesRepository, CycleProgressService, CycleProgressRepository],
  exports: [CyclesService],
})
export class CyclesModule {}
