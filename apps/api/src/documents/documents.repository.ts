import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface DocumentRow {
  document_id: string;
  product_id: string;
  kind: string;
  subject_id: string | null;
  sha256: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  uploaded_by: string;
  uploaded_at: Date;
  removed_at: Date | null;
}

export interface DocumentProductRow {
  product_id: string;
  cycle_year: number;
  rule_set: string;
  product_group: string;
  stage: string;
}

/** Reads of `documents` (the document projection is its only writer) and the lock that orders a hash's writes. */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  async product(productId: string): Promise<DocumentProductRow | undefined> {
    const [row] = await this.db.query(
      `SELECT product_id, cycle_year, rule_set, product_group, stage FROM products WHERE product_id = $1 ORDER BY cycle_year DESC LIMIT 1`,
      [productId],
    );
    return row;
  }

  active(productId: string): Promise<DocumentRow[]> {
    return this.db.query(`SELECT * FROM documents WHERE product_id = $1 AND removed_at IS NULL ORDER BY uploaded_at, document_id`, [
      productId,
    ]);
  }

  async find(productId: string, documentId: string): Promise<DocumentRow | undefined> {
    const [row] = await this.db.query(`SELECT * FROM documents WHERE product_id = $1 AND document_id = $2 AND removed_at IS NULL`, [
      productId,
      documentId,
    ]);
    return row;
  }

  async findById(documentId: string): Promise<DocumentRow | undefined> {
    const [row] = await this.db.query(`SELECT * FROM documents WHERE document_id = $1 AND removed_at IS NULL`, [documentId]);
    return row;
  }

  /** Holds, until the transaction ends, the lock every store and removal of these bytes takes. */
  async lockHash(manager: EntityManager, sha256: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 15))`, [`document:${sha256}`]);
  }

  async isReferenced(manager: EntityManager, sha256: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT 1 FROM documents WHERE sha256 = $1 AND removed_at IS NULL LIMIT 1`, [sha256]);
    return !!row;
  }
}
