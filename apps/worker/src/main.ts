import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ConfigError } from '@ocop/config';
import { WorkerModule } from './worker.module';

/** A Nest application context (no HTTP) whose only job is to host the Temporal worker. */
async function bootstrap(): Promise<void> {
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
