import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { Environment } from '@ocop/config';
import { pinoParams, TracingShutdown } from '@ocop/observability';
import { ACTIVITY_CLASSES } from '@ocop/activities';
import { CertificatesModule } from '@ocop/certificates';
import { AppConfigModule } from '@ocop/config';
import { NotificationsModule } from '@ocop/notifications';
import { PersistenceModule } from '@ocop/persistence';
import { TemporalWorkerModule } from '@ocop/temporal';
import { NotificationDelivery } from './notification-delivery';
import { WorkerMetricsServer } from './metrics-server';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        pinoParams({ level: config.get('LOG_LEVEL', { infer: true }), app: 'worker' }),
    }),
    PersistenceModule,
    NotificationsModule,
    TemporalWorkerModule.register({ activityClasses: ACTIVITY_CLASSES, imports: [NotificationsModule, CertificatesModule] }),
  ],
  providers: [NotificationDelivery, WorkerMetricsServer, TracingShutdown],
})
export class WorkerModule {}
