import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Optional tracing (OpenTelemetry). Off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set: then each process exports its spans over OTLP/HTTP (JSON) to that
 * collector — the API's HTTP request, the Temporal client's StartWorkflow / UpdateWithStartWorkflow /
 * StartWorkflowUpdate, the workflow's RunWorkflow / HandleUpdate / StartActivity, the activity's RunActivity — one
 * trace from the request to the activity, carried in the Temporal headers. Off, none of the OpenTelemetry modules is
 * even loaded: every `require` below sits behind `tracingEnabled()`.
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

export interface Tracing {
  /** Where spans go: the worker hands it to the workflow span sink too. */
  readonly spanProcessor: SpanProcessor;
  readonly resource: Resource;
  /** Sends what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

let tracing: Tracing | undefined;

/**
 * Starts tracing for this process when it is enabled (once; later calls return the same): a Node tracer provider
 * (AsyncLocalStorage context, W3C trace context) exporting in batches to the OTLP/HTTP endpoint the standard
 * `OTEL_EXPORTER_OTLP_*` variables name. `OTEL_SERVICE_NAME` overrides the service name; `OTEL_BSP_SCHEDULE_DELAY`
 * the batch delay (5 s).
 */
export function startTracing(serviceName: string): Tracing | undefined {
  if (tracing || !tracingEnabled()) return tracing;
  // Required here, not imported: loaded only when tracing is on.
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { Resource: ResourceClass } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const resource = ResourceClass.default().merge(
    new ResourceClass({
      'service.name': process.env.OTEL_SERVICE_NAME || serviceName,
      'service.namespace': 'ocop-flow',
      'service.instance.id': `${serviceName}-${process.pid}`,
    }),
  );
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  tracing = { spanProcessor, resource, shutdown: () => provider.shutdown() };
  return tracing;
}

/**
 * The fields a log line written inside a span carries — `traceId` and `spanId` of the active span — so an operator
 * goes from a line to its trace. Undefined when tracing is off (then nothing of OpenTelemetry is loaded for it).
 */
export function traceLogFields(env: NodeJS.ProcessEnv = process.env): (() => Record<string, string>) | undefined {
  if (!tracingEnabled(env)) return undefined;
  // Required here, not imported: loaded only when tracing is on.
  const otel = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  return (): Record<string, string> => {
    const span = otel.trace.getSpanContext(otel.context.active());
    return span && otel.trace.isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
  };
}

/** The running tracing, if `startTracing` started it. */
export const activeTracing = (): Tracing | undefined => tracing;

/**
 * Express middleware opening the request's SERVER span (continuing a caller's `traceparent`), named by method and
 * route template once the route is known (`POST /products/:id/review`), with the status and the request id. The
 * span is the active context of everything the request runs — the request's emitters are bound to it, so handlers
 * called back from the body parser's stream events stay inside it — which is how the Temporal client's spans become
 * its children.
 */
export function httpTracingMiddleware(): (request: Request, response: Response, next: NextFunction) => void {
  // Required here, not imported: loaded only when tracing is on.
  const otel = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const tracer = otel.trace.getTracer('ocop-flow-http');
  return (request, response, next) => {
    const parent = otel.propagation.extract(otel.context.active(), request.headers);
    const span = tracer.startSpan(
      `${request.method} ${request.path}`,
      { kind: otel.SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': request.path } },
      parent,
    );
    const active = otel.trace.setSpan(parent, span);
    response.on('finish', () => {
      const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : undefined;
      if (route) {
        span.updateName(`${request.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', response.statusCode);
      const requestId = response.getHeader('x-request-id');
      if (typeof requestId === 'string') span.setAttribute('ocop.request_id', requestId);
      if (response.statusCode >= 500) span.setStatus({ code: otel.SpanStatusCode.ERROR });
      span.end();
    });
    otel.context.bind(active, request);
    otel.context.bind(active, response);
    otel.context.with(active, next);
  };
}

/** Sends the spans still buffered when the process shuts down (after the worker drained its tasks). */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await activeTracing()?.shutdown();
  }
}
