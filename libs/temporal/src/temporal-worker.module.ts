import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Type,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createServer } from 'node:net';
import type { Environment } from '@ocop/config';
import { activeTracing } from '@ocop/observability';
import { temporalConnectionOptions, temporalEnvironment } from './connection-options';
import { TEMPORAL_WORKER_OPTIONS } from './temporal.tokens';
import { tracingWorkerOptions } from './tracing';
import { loadWorkflowBundle } from './workflow-bundle';

export interface TemporalWorkerModuleOptions {
  /** Nest providers whose public methods are the activities; resolved from DI with their dependencies. */
  readonly activityClasses: readonly Type<object>[];
  /** Modules that provide the activities' dependencies. */
  readonly imports?: DynamicModule['imports'];
}

/** Binds every public method of the activity providers, so activities keep their injected dependencies. */
export function collectActivities(instances: readonly object[]): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const activities: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const instance of instances) {
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const member = prototype[name];
      if (name === 'constructor' || typeof member !== 'function' || name.startsWith('_')) continue;
      if (activities[name]) throw new Error(`activity ${name} is defined twice (again in ${instance.constructor.name})`);
      activities[name] = (member as (...args: unknown[]) => Promise<unknown>).bind(instance);
    }
  }
  return activities;
}

let sdkMetricsUrl: string | undefined;

/**
 * Where the Temporal SDK's own metrics (workflow-task and activity latencies, polls, slots…) are served in the
 * Prometheus format, on a loopback port of their own; the worker's /metrics appends them to ours. Installed once,
 * before the first connection creates the SDK runtime.
 */
export async function installSdkMetrics(): Promise<string> {
  if (sdkMetricsUrl) return sdkMetricsUrl;
  const port = await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  Runtime.install({
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${port}`, useSecondsForDurations: true } } },
    // The SDK's own lines go through Nest's logger (JSON, like ours); shutdown on SIGTERM is the host's to order.
    logger: sdkLogger,
    shutdownSignals: [],
  });
  sdkMetricsUrl = `http://127.0.0.1:${port}/metrics`;
  return sdkMetricsUrl;
}

const nestSdkLogger = new Logger('TemporalSDK');
const describeMeta = (message: string, meta?: Record<string, unknown>): string => {
  const { sdkComponent: _component, ...rest } = meta ?? {};
  return Object.keys(rest).length ? `${message} ${JSON.stringify(rest)}` : message;
};
const sdkLogger = {
  log: (level: string, message: string, meta?: Record<string, unknown>) => {
    const text = describeMeta(message, meta);
    if (level === 'ERROR') nestSdkLogger.error(text);
    else if (level === 'WARN') nestSdkLogger.warn(text);
    else if (level === 'INFO') nestSdkLogger.log(text);
    else nestSdkLogger.debug(text);
  },
  trace: (message: string, meta?: Record<string, unknown>) => nestSdkLogger.verbose(describeMeta(message, meta)),
  debug: (message: string, meta?: Record<string, unknown>) => nestSdkLogger.debug(describeMeta(message, meta)),
  info: (message: string, meta?: Record<string, unknown>) => nestSdkLogger.log(describeMeta(message, meta)),
  warn: (message: string, meta?: Record<string, unknown>) => nestSdkLogger.warn(describeMeta(message, meta)),
  error: (message: string, meta?: Record<string, unknown>) => nestSdkLogger.error(describeMeta(message, meta)),
};

/** The SDK's metrics endpoint, once installed. */
export const sdkMetricsEndpoint = (): string | undefined => sdkMetricsUrl;

/** How long a stopping worker lets its running activities and workflow tasks finish before cancelling them. */
const SHUTDOWN_GRACE = '20s';

/**
 * Hosts the Temporal Worker inside a Nest application context. On SIGTERM it stops polling, lets the tasks in hand
 * finish (up to SHUTDOWN_GRACE), and only then lets the other modules close the database and the connection.
 */
@Injectable()
export class TemporalWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('TemporalWorker');
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(TEMPORAL_WORKER_OPTIONS) private readonly options: TemporalWorkerModuleOptions,
    private readonly moduleRef: ModuleRef,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const taskQueue = this.config.get('TEMPORAL_TASK_QUEUE', { infer: true });
    const namespace = this.config.get('TEMPORAL_NAMESPACE', { infer: true });
    const instances = this.options.activityClasses.map((cls) => this.moduleRef.get(cls, { strict: false }));
    await installSdkMetrics();
    this.connection = await NativeConnection.connect(temporalConnectionOptions(temporalEnvironment(this.config)));
    // Tracing on (main.ts started it): the traced bundle, the activity interceptors and the workflow spans' sink.
    const tracing = activeTracing();
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      workflowBundle: await loadWorkflowBundle(undefined, { traced: Boolean(tracing) }),
      ...(tracing ? tracingWorkerOptions(tracing) : {}),
      activities: collectActivities(instances),
      maxCachedWorkflows: this.config.get('WORKER_MAX_CACHED_WORKFLOWS', { infer: true }),
      shutdownGraceTime: SHUTDOWN_GRACE,
    });
    this.running = this.worker.run();
    this.running.catch((error: unknown) => {
      this.logger.error(`worker stopped: ${String(error)}`);
      process.kill(process.pid, 'SIGTERM');
    });
    this.logger.log(`polling task queue "${taskQueue}" in namespace "${namespace}"${tracing ? ' (traced)' : ''}`);
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (!this.worker) return;
    const started = Date.now();
    this.logger.log(`${signal ?? 'shutdown'}: no new tasks; finishing the tasks in hand`);
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    this.logger.log(`worker drained in ${Date.now() - started} ms; shutting down`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

@Module({})
export class TemporalWorkerModule {
  static register(options: TemporalWorkerModuleOptions): DynamicModule {
    return {
      module: TemporalWorkerModule,
      imports: options.imports ?? [],
      providers: [...options.activityClasses, { provide: TEMPORAL_WORKER_OPTIONS, useValue: options }, TemporalWorkerHost],
      exports: [TemporalWorkerHost],
    };
  }
}
