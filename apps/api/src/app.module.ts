import { Module } from '@nestjs/common';
import { AppConfigModule } from '@ocop/config';
import { PersistenceModule } from '@ocop/persistence';
import { TemporalClientModule } from '@ocop/temporal';
import { CommonModule } from './common/common.module';
import { HealthModule } from './health/health.module';
import { ProductsModule } from './products/products.module';

@Module({
  imports: [AppConfigModule, PersistenceModule, TemporalClientModule, CommonModule, HealthModule, ProductsModule],
})
export class AppModule {}
