import { Module, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { registerDatabaseGauges } from '@ocop/observability';
import { MetricsController } from './metrics.controller';

/** /metrics: HTTP latency by route (middleware in app.setup), outbox depth and projection lag (read on scrape). */
@Module({ controllers: [MetricsController] })
export class MetricsModule implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    registerDatabaseGauges(this.dataSource);
  }
}
