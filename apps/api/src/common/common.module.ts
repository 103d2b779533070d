import { Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';
import { WorkflowClient } from './workflow-client';

@Global()
@Module({
  providers: [IdempotencyStore, IdempotencyInterceptor, WorkflowClient],
  exports: [IdempotencyStore, IdempotencyInterceptor, WorkflowClient],
})
export class CommonModule {}
