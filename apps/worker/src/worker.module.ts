import { Module } from '@nestjs/common';
import { ACTIVITY_CLASSES } from '@ocop/activities';
import { CertificatesModule } from '@ocop/certificates';
import { AppConfigModule } from '@ocop/config';
import { NotificationsModule } from '@ocop/notifications';
import { PersistenceModule } from '@ocop/persistence';
import { TemporalWorkerModule } from '@ocop/temporal';
import { NotificationDelivery } from './notification-delivery';

@Module({
  imports: [
    AppConfigModule,
    PersistenceModule,
    NotificationsModule,
    TemporalWorkerModule.register({ activityClasses: ACTIVITY_CLASSES, imports: [NotificationsModule, CertificatesModule] }),
  ],
  providers: [NotificationDelivery],
})
export class WorkerModule {}
