import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { NotificationDispatcher } from '@ocop/notifications';

/** Delivers the outbox (email, agency webhooks, in-app inbox) from the worker process; stops with it. */
@Injectable()
export class NotificationDelivery implements OnApplicationBootstrap {
  constructor(private readonly dispatcher: NotificationDispatcher) {}

  onApplicationBootstrap(): void {
    this.dispatcher.start(1_000);
  }
}
