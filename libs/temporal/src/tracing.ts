import path from 'node:path';
import { Logger } from '@nestjs/common';
import type { ClientInterceptors } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import type { Tracing } from '@ocop/observability';

// The Temporal side of optional tracing (`@temporalio/interceptors-opentelemetry`), loaded only when tracing is on:
// the client's interceptor puts the active span (the API's HTTP request) in the workflow's and the update's headers;
// the workflow interceptors (in the traced bundle, see workflow-bundle.ts) continue it inside the workflow and pass it
// on to the activities they schedule; the activity interceptor continues it around each activity. Workflow spans
// leave the sandbox through the `exporter` sink, to this process's span processor.

/**
 * The workflow-side interceptors module (relative to the project root), bundled into the traced workflow bundle
 * only: ours, not the package's, which would change when the workflow's code resumes (see the module).
 */
export const WORKFLOW_TRACING_INTERCEPTORS = path.join('workflows', 'support', 'tracing-interceptors.ts');

/** The Temporal client's interceptors while tracing is on. */
export function tracingClientInterceptors(): ClientInterceptors {
  // Required here, not imported: loaded only when tracing is on.
  const { OpenTelemetryWorkflowClientInterceptor } =
    require('@temporalio/interceptors-opentelemetry/lib/client') as typeof import('@temporalio/interceptors-opentelemetry/lib/client');
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

const activityLogger = new Logger('Activity');

/** The worker's activity interceptors and the workflow spans' sink while tracing is on. */
export function tracingWorkerOptions(tracing: Tracing): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  // Required here, not imported: loaded only when tracing is on.
  const otel =
    require('@temporalio/interceptors-opentelemetry/lib/worker') as typeof import('@temporalio/interceptors-opentelemetry/lib/worker');
  return {
    interceptors: {
      activity: [
        (ctx) => ({
          inbound: new otel.OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new otel.OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
        // Inside the activity's span: its line carries the trace id (the SDK's own activity lines fall outside it).
        (ctx) => ({
          inbound: {
            execute: async (input, next) => {
              const started = Date.now();
              const what = `${ctx.info.activityType} of ${ctx.info.workflowExecution?.workflowId ?? '?'} (attempt ${ctx.info.attempt})`;
              try {
                const result = await next(input);
                activityLogger.debug(`${what} completed in ${Date.now() - started} ms`);
                return result;
              } catch (error) {
                activityLogger.debug(`${what} failed in ${Date.now() - started} ms: ${String(error)}`);
                throw error;
              }
            },
          },
        }),
      ],
    },
    sinks: { exporter: otel.makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
