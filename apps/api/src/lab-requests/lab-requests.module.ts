import { Module } from '@nestjs/common';
import { LabRequestsController } from './lab-requests.controller';
import { LabRequestsRepository } from './lab-requests.repository';
import { LabRequestsService } from './lab-requests.service';

/** Lab test requests of the product journeys, and the labs' results. */
@Module({
  controllers: [LabRequestsController],
  providers: [LabRequestsService, LabRequestsRepository],
})
export class LabRequestsModule {}
