import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Environment } from '@ocop/config';
import { dataSourceOptions } from './data-source';
import { ENTITIES } from './entities';
import { EventStore } from './event-store/event-store';
import { EventRecorder } from './projections/event-recorder';
import { ProductProjection } from './projections/product.projection';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => dataSourceOptions(config.get('DATABASE_URL', { infer: true })),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [EventStore, ProductProjection, EventRecorder],
  exports: [TypeOrmModule, EventStore, EventRecorder],
})
export class PersistenceModule {}
