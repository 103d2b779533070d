import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CertificateNumberAllocator } from '@ocop/certificates';

@Injectable()
export class CertificateActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly allocator: CertificateNumberAllocator,
  ) {}

  /** The next certificate number of the province and year; a retry with the same key gets the same number. */
  async allocateCertificateNumber(request: { certificateKey: string; provinceCode: string; year: number }): Promise<string> {
    return this.dataSource.transaction((manager) => this.allocator.allocate(manager, request));
  }
}
