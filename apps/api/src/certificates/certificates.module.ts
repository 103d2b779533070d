import { Module } from '@nestjs/common';
import { CertificatesController } from './certificates.controller';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';
import { PublicCertificatesController } from './public-certificates.controller';

@Module({
  controllers: [CertificatesController, PublicCertificatesController],
  providers: [CertificatesService, CertificatesRepository],
})
export class CertificatesApiModule {}
