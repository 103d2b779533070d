import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Environment } from '@ocop/config';
import { dataSourceOptions } from './data-source';
import { EventStore } from './event-store/event-store';
import { EventRecorder } from './projections/event-recorder';
import { CertificateProjection } from './projections/certificate.projection';
import { CycleProjection } from './projections/cycle.projection';
import { InspectionProjection } from './projections/inspection.projection';
import { LabRequestProjection } from './projections/lab-request.projection';
import { OrganisationProjection } from './projections/organisation.projection';
import { ProductProjection } from './projections/product.projection';
import { ProjectionRebuilder } from './projections/projection-rebuilder';
import { Projections } from './projections/projections';
import { SessionProjection } from './projections/session.projection';
import { SessionCandidates } from './read-models/session-candidates';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => dataSourceOptions(config.get('DATABASE_URL', { infer: true })),
    }),
  ],
  providers: [
    EventStore,
    ProductProjection,
    CertificateProjection,
    SessionProjection,
    OrganisationProjection,
    CycleProjection,
    LabRequestProjection,
    InspectionProjection,
    Projections,
    EventRecorder,
    ProjectionRebuilder,
    SessionCandidates,
  ],
  exports: [TypeOrmModule, EventStore, EventRecorder, ProjectionRebuilder, SessionCandidates],
})
export class PersistenceModule {}
