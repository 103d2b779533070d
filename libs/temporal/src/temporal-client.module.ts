import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import type { Environment } from '@ocop/config';
import { tracingEnabled } from '@ocop/observability';
import { temporalConnectionOptions, temporalEnvironment } from './connection-options';
import { TEMPORAL_CLIENT } from './temporal.tokens';
import { tracingClientInterceptors } from './tracing';

/** Closes the client's connection when the app shuts down. */
@Injectable()
class TemporalClientLifecycle implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/** Provides the Temporal `Client` under TEMPORAL_CLIENT to any module. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => {
        // Lazy: the API boots (and reports itself unhealthy) while Temporal is still starting, instead of crashing.
        const connection = Connection.lazy(temporalConnectionOptions(temporalEnvironment(config)));
        return new Client({
          connection,
          namespace: config.get('TEMPORAL_NAMESPACE', { infer: true }),
          // OTEL_EXPORTER_OTLP_ENDPOINT set: starts and updates carry the caller's trace into the workflow.
          interceptors: tracingEnabled() ? tracingClientInterceptors() : undefined,
        });
      },
    },
    TemporalClientLifecycle,
  ],
  exports: [TEMPORAL_CLIENT],
})
export class TemporalClientModule {}
