import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import { ConfigError, type Environment } from '@ocop/config';
import { startTracing } from '@ocop/observability';
import { AppModule } from './app.module';
import { configureApp, docsEnabled } from './app.setup';

async function bootstrap(): Promise<void> {
  // Before anything makes a span: with OTEL_EXPORTER_OTLP_ENDPOINT unset this does nothing and loads nothing.
  startTracing('ocop-api');
  // Logs made while booting wait for the JSON logger (nestjs-pino), so every line has one format.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  configureApp(app);
  const port = app.get(ConfigService<Environment, true>).get('PORT', { infer: true });
  await app.listen(port, '0.0.0.0');
  new Logger('Api').log(
    `OCOP Flow API on http://localhost:${port}${docsEnabled(app) ? ` — docs at http://localhost:${port}/docs` : ' (docs off: DOCS_ENABLED)'}`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
