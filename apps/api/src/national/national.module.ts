import { Module } from '@nestjs/common';
import { NationalController } from './national.controller';
import { NationalRepository } from './national.repository';
import { NationalService } from './national.service';

@Module({
  controllers: [NationalController],
  providers: [NationalService, NationalRepository],
})
export class NationalModule {}
