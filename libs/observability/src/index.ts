// Metrics (Prometheus, prom-client), structured logs (pino) and optional tracing (OpenTelemetry) shared by the API and the worker.
export * from './metrics';
export * from './http-metrics';
export * from './logging';
export * from './tracing';
