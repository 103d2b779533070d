import { Module } from '@nestjs/common';
import { ACTIVITY_CLASSES } from '@ocop/activities';
import { AppConfigModule } from '@ocop/config';
import { PersistenceModule } from '@ocop/persistence';
import { TemporalWorkerModule } from '@ocop/temporal';

@Module({
  imports: [AppConfigModule, PersistenceModule, TemporalWorkerModule.register({ activityClasses: ACTIVITY_CLASSES })],
})
export class WorkerModule {}
