import { Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';
import { WorkflowCalls } from './workflow-calls';

@Global()
@Module({
  providers: [IdempotencyStore, IdempotencyInterceptor, WorkflowCalls],
  exports: [IdempotencyStore, IdempotencyInterceptor, WorkflowCalls],
})
export class CommonModule {}
