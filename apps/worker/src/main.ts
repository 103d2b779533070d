import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ConfigError } from '@ocop/config';
import { startTracing } from '@ocop/observability';
import { WorkerModule } from './worker.module';

/** A Nest application context (no HTTP) whose only job is to host the Temporal worker. */
async function bootstrap(): Promise<void> {
  // With OTEL_EXPORTER_OTLP_ENDPOINT set, workflows and activities are traced (TemporalWorkerHost); else nothing loads.
  startTracing('ocop-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  // SIGTERM: stop polling, finish the tasks in hand, then close (TemporalWorkerHost.beforeApplicationShutdown).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  new Logger('Worker').log('OCOP Flow worker started');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
