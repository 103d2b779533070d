import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '@ocop/config';
import { dispatcherOptionsFromConfig, NotificationDispatcher } from './notification-dispatcher';
import { NotificationOutbox } from './notification-outbox';

/**
 * The outbox (enqueue inside your transaction) and the dispatcher (call `start()` where deliveries should run); the
 * API's NotificationsRepository reads the inbox the dispatcher fills. Needs the global config (`AppConfigModule`) and
 * data source (`PersistenceModule`).
 */
@Module({
  providers: [
    NotificationOutbox,
    {
      provide: NotificationDispatcher,
      inject: [ConfigService, getDataSourceToken()],
      useFactory: (config: ConfigService<Environment, true>, dataSource: DataSource) =>
        new NotificationDispatcher(dataSource, dispatcherOptionsFromConfig(config)),
    },
  ],
  exports: [NotificationOutbox, NotificationDispatcher],
})
export class NotificationsModule {}
