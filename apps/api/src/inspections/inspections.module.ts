import { Module } from '@nestjs/common';
import { InspectionsController } from './inspections.controller';
import { InspectionsRepository } from './inspections.repository';
import { InspectionsService } from './inspections.service';

/** Post-certification inspections of the certificate lifecycles, and the inspectors' reports. */
@Module({
  controllers: [InspectionsController],
  providers: [InspectionsService, InspectionsRepository],
})
export class InspectionsModule {}
