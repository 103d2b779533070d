import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** One registry per process (API or worker), served at /metrics in the Prometheus text format. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** HTTP requests by method, route template (`/products/:id`, never the concrete id) and status. */
export const httpRequestDuration = new Histogram({
  name: 'ocop_http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status, with their latency',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** Outbox deliveries that failed (to be retried, or dead after the last attempt), by channel. */
export const notificationDeliveryFailures = new Counter({
  name: 'ocop_notification_delivery_failures_total',
  help: 'Notification deliveries that failed, by channel and outcome (retried later, or dead)',
  labelNames: ['channel', 'outcome'] as const,
  registers: [metricsRegistry],
});

/** Outbox deliveries that succeeded, by channel. */
export const notificationDeliveries = new Counter({
  name: 'ocop_notification_deliveries_total',
  help: 'Notifications delivered, by channel',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});

/** The read models' tables that record the newest event they applied (`last_event_position`). */
const READ_MODELS = ['products', 'certificates', 'sessions', 'cycles', 'lab_requests', 'inspections'] as const;

/**
 * Gauges read from PostgreSQL when scraped: the outbox's depth by channel and status, and the projection lag —
 * how far the newest event is ahead of the newest one any read model applied, in events and in seconds. Read
 * models are written in the event's own transaction, so a lag that keeps growing means facts that change no
 * read model (reminders, users) are all that is happening — or projections are not being written.
 */
export function registerDatabaseGauges(dataSource: DataSource, registry: Registry = metricsRegistry): void {
  const ready = () => dataSource.isInitialized;
  new Gauge({
    name: 'ocop_outbox_depth',
    help: 'Notification outbox rows by channel and status (pending rows are waiting for delivery)',
    labelNames: ['channel', 'status'] as const,
    registers: [registry],
    async collect() {
      if (!ready()) return;
      this.reset();
      const rows: { channel: string; status: string; n: number }[] = await dataSource.query(
        `SELECT channel, status, count(*)::int AS n FROM notification_outbox GROUP BY channel, status`,
      );
      for (const row of rows) this.set({ channel: row.channel, status: row.status }, row.n);
    },
  });
  new Gauge({
    name: 'ocop_outbox_failing',
    help: 'Pending outbox rows whose last attempt failed, by channel',
    labelNames: ['channel'] as const,
    registers: [registry],
    async collect() {
      if (!ready()) return;
      this.reset();
      const rows: { channel: string; n: number }[] = await dataSource.query(
        `SELECT channel, count(*)::int AS n FROM notification_outbox WHERE status = 'pending' AND last_error IS NOT NULL GROUP BY channel`,
      );
      for (const row of rows) this.set({ channel: row.channel }, row.n);
    },
  });
  const lag = async (): Promise<{ events: number; seconds: number; newest: number }> => {
    const [row] = (await dataSource.query(
      `WITH newest AS (SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1),
            projected AS (SELECT max(p) AS position FROM (${READ_MODELS.map((t) => `SELECT max(last_event_position) AS p FROM ${t}`).join(' UNION ALL ')}) m)
       SELECT coalesce((SELECT position FROM newest), 0)::float8 AS newest,
              coalesce((SELECT position FROM projected), 0)::float8 AS projected,
              coalesce(extract(epoch FROM (SELECT recorded_at FROM newest) - (SELECT recorded_at FROM events WHERE position = (SELECT position FROM projected))), 0)::float8 AS seconds`,
    )) as { newest: number; projected: number; seconds: number }[];
    return {
      newest: row?.newest ?? 0,
      events: Math.max(0, (row?.newest ?? 0) - (row?.projected ?? 0)),
      seconds: Math.max(0, row?.seconds ?? 0),
    };
  };
  new Gauge({
    name: 'ocop_events_newest_position',
    help: 'Position of the newest event in the log (grows with every fact recorded)',
    registers: [registry],
    async collect() {
      if (ready()) this.set((await lag()).newest);
    },
  });
  new Gauge({
    name: 'ocop_projection_lag_events',
    help: 'Events newer than the newest event applied to a read model',
    registers: [registry],
    async collect() {
      if (ready()) this.set((await lag()).events);
    },
  });
  new Gauge({
    name: 'ocop_projection_lag_seconds',
    help: 'Seconds between the newest event and the newest event applied to a read model',
    registers: [registry],
    async collect() {
      if (ready()) this.set((await lag()).seconds);
    },
  });
}
