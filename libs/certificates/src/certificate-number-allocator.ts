import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertCertificateYear, formatCertificateNo, provincePrefix } from './certificate-number';

export interface CertificateNumberRequest {
  /** The caller's idempotency key, e.g. the journey's workflow id: one key, one certificate number, forever. */
  certificateKey: string;
  provinceCode: string;
  year: number;
}

/** The key already holds a number for another province or year: a bug in the caller, never retried away. */
export class CertificateKeyConflictError extends Error {
  constructor(
    readonly certificateKey: string,
    readonly stored: { certificateNo: string; provinceCode: string; year: number },
    readonly requested: { provinceCode: string; year: number },
  ) {
    super(
      `Certificate key "${certificateKey}" already holds ${stored.certificateNo} (${stored.provinceCode} ${stored.year}); ` +
        `refusing to allocate for ${requested.provinceCode} ${requested.year}`,
    );
    this.name = 'CertificateKeyConflictError';
  }
}

interface NumberRow {
  certificate_no: string;
  province_code: string;
  year: number;
}

/** Advisory-lock class (first key of the two-key form) for "allocating a certificate number for a key": 'OCOP'. */
const KEY_LOCK_CLASS = 0x4f434f50;

/**
 * Allocates certificate numbers inside the caller's transaction: consecutive per (province, year), with no gaps
 * and no duplicates, and idempotent by certificate key.
 *
 * - The counter row of (province, year) is bumped with INSERT … ON CONFLICT DO UPDATE … RETURNING, which row-locks
 *   it until the transaction ends: concurrent allocations for one (province, year) queue there, and a transaction
 *   that rolls back gives its number back to the next one (no gap).
 * - Allocations for one key are serialised by a transaction-scoped advisory lock on the key, taken before the
 *   counter; whoever comes second re-reads the key (READ COMMITTED: a fresh snapshot per statement) and returns the
 *   stored number without bumping the counter. Callers using REPEATABLE READ/SERIALIZABLE would instead get a
 *   unique violation on pk_certificate_numbers for that rare race and must retry the transaction.
 */
@Injectable()
export class CertificateNumberAllocator {
  async allocate(manager: EntityManager, request: CertificateNumberRequest): Promise<string> {
    const { certificateKey, provinceCode, year } = request;
    if (typeof certificateKey !== 'string' || certificateKey.trim() === '') throw new Error('A certificate key is required');
    provincePrefix(provinceCode); // unknown provinces and years fail before anything is written
    assertCertificateYear(year);
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('CertificateNumberAllocator.allocate must run inside a transaction (the manager of DataSource.transaction)');
    }

    const known = await this.find(manager, request);
    if (known) return known;

    await manager.query(`SELECT pg_advisory_xact_lock($1::integer, hashtext($2))`, [KEY_LOCK_CLASS, certificateKey]);
    const allocatedMeanwhile = await this.find(manager, request);
    if (allocatedMeanwhile) return allocatedMeanwhile;

    const [counter]: { last_seq: number }[] = await manager.query(
      `INSERT INTO certificate_sequences AS s (province_code, year, last_seq) VALUES ($1, $2, 1)
       ON CONFLICT ON CONSTRAINT pk_certificate_sequences
       DO UPDATE SET last_seq = s.last_seq + 1, updated_at = now()
       RETURNING s.last_seq`,
      [provinceCode, year],
    );
    const seq = Number(counter!.last_seq);
    const certificateNo = formatCertificateNo(provinceCode, year, seq);
    await manager.query(
      `INSERT INTO certificate_numbers (certificate_key, certificate_no, province_code, year, seq) VALUES ($1, $2, $3, $4, $5)`,
      [certificateKey, certificateNo, provinceCode, year, seq],
    );
    return certificateNo;
  }

  /** The number the key already holds (for the same province and year), if any. */
  private async find(manager: EntityManager, request: CertificateNumberRequest): Promise<string | undefined> {
    const [row]: NumberRow[] = await manager.query(
      `SELECT certificate_no, province_code, year FROM certificate_numbers WHERE certificate_key = $1`,
      [request.certificateKey],
    );
    if (!row) return undefined;
    if (row.province_code !== request.provinceCode || Number(row.year) !== request.year) {
      throw new CertificateKeyConflictError(
        request.certificateKey,
        { certificateNo: row.certificate_no, provinceCode: row.province_code, year: Number(row.year) },
        { provinceCode: request.provinceCode, year: request.year },
      );
    }
    return row.certificate_no;
  }
}
