// Metrics (Prometheus, prom-client) and structured logs (pino) shared by the API and the worker.
export * from './metrics';
export * from './http-metrics';
export * from './logging';
