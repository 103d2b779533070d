import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '@ocop/config';
import { Inbox } from './inbox';
import { dispatcherOptionsFromConfig, NotificationDispatcher } from './notification-dispatcher';
import { NotificationOutbox } from './notification-outbox';

/**
 * The outbox (enqueue inside your transaction), the dispatcher (call `start()` where deliveries should run) and the
 * inbox. Needs the global config (`AppConfigModule`) and data source (`PersistenceModule`).
 */
@Module({
  providers: [
    NotificationOutbox,
    Inbox,
    {
      provide: NotificationDispatcher,
      inject: [ConfigService, getDataSourceToken()],
      useFactory: (config: ConfigService<Environment, true>, dataSource: DataSource) => new NotificationDispatcher(dataSource, dispatcherOptionsFromConfig(config)),
    },
  ],
  exports: [NotificationOutbox, NotificationDispatcher, Inbox],
})
export class NotificationsModule {}
