import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { Environment } from '@ocop/config';
import { pinoParams, TracingShutdown } from '@ocop/observability';
import { AppConfigModule } from '@ocop/config';
import { PersistenceModule } from '@ocop/persistence';
import { TemporalClientModule } from '@ocop/temporal';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { HealthModule } from './health/health.module';
import { ProductsModule } from './products/products.module';
import { SessionsModule } from './sessions/sessions.module';
import { LabRequestsModule } from './lab-requests/lab-requests.module';
import { InspectionsModule } from './inspections/inspections.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { CyclesModule } from './cycles/cycles.module';
import { CertificatesApiModule } from './certificates/certificates.module';
import { NotificationsApiModule } from './notifications/notifications.module';
import { MetricsModule } from './metrics/metrics.module';
import { DocumentsModule } from './documents/documents.module';
import { ReportsModule } from './reports/reports.module';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { CalendarsModule } from './calendars/calendars.module';
import { NationalModule } from './national/national.module';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => pinoParams({ level: config.get('LOG_LEVEL', { infer: true }), app: 'api' }),
    }),
    MetricsModule,
    PersistenceModule,
    TemporalClientModule,
    CommonModule,
    AuthModule,
    HealthModule,
    ProductsModule,
    SessionsModule,
    LabRequestsModule,
    InspectionsModule,
    OrganisationsModule,
    CyclesModule,
    CertificatesApiModule,
    NotificationsApiModule,
    DocumentsModule,
    ReportsModule,
    ReferenceDataModule,
    CalendarsModule,
    NationalModule,
  ],
  providers: [TracingShutdown],
})
export class AppModule {}
