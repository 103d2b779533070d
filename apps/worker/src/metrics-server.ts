import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createServer, type Server } from 'node:http';
import { DataSource } from 'typeorm';
import type { Environment } from '@ocop/config';
import { metricsRegistry, registerDatabaseGauges } from '@ocop/observability';
import { sdkMetricsEndpoint } from '@ocop/temporal';

/**
 * The worker's /metrics on METRICS_PORT: ours (outbox deliveries and failures by channel, outbox depth, projection
 * lag, the process) followed by the Temporal SDK's own (workflow-task and activity latencies, schedule-to-start,
 * slots), which the SDK serves on a loopback port of its own.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    registerDatabaseGauges(this.dataSource);
    const port = this.config.get('METRICS_PORT', { infer: true });
    if (!port) return;
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
        response.writeHead(404).end('not found: try /metrics\n');
        return;
      }
      void this.scrape().then(
        (text) => response.writeHead(200, { 'Content-Type': metricsRegistry.contentType }).end(text),
        (error: unknown) => response.writeHead(500).end(`metrics failed: ${String(error)}\n`),
      );
    });
    // A taken port must not stop the worker: it runs on, unscraped, and says so.
    this.server.on('error', (error) => this.logger.warn(`metrics on port ${port} unavailable: ${error.message}`));
    this.server.listen(port, '0.0.0.0', () => this.logger.log(`metrics on http://localhost:${port}/metrics`));
  }

  private async scrape(): Promise<string> {
    const ours = await metricsRegistry.metrics();
    const endpoint = sdkMetricsEndpoint();
    const sdk = endpoint
      ? await fetch(endpoint, { signal: AbortSignal.timeout(5_000) })
          .then((r) => r.text())
          .catch(() => '')
      : '';
    return `${ours}\n${sdk}`;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
