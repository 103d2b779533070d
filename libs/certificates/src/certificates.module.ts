import { Module } from '@nestjs/common';
import { CertificateNumberAllocator } from './certificate-number-allocator';

/** Certificate numbering. The allocator works on the caller's EntityManager, so this module needs no database. */
@Module({
  providers: [CertificateNumberAllocator],
  exports: [CertificateNumberAllocator],
})
export class CertificatesModule {}
