import { MigrationInterface, QueryRunner } from 'typeorm';
import { searchKeySql } from '@ocop/domain';

/**
 * One product name per organisation and cycle: the API claims the folded name (libs/domain `searchKey`: no case, no
 * diacritics, single spaces) here before it starts a journey, so two submissions of one name — from any number of
 * API processes, at the same moment — cannot both pass: the primary key lets one insert win. Not a projection: the
 * claim is the API's guard, kept by the product it names. Existing products claim their names (the first submitted
 * wins when the register already holds a duplicate).
 */
export class ProductNames1764376600000 implements MigrationInterface {
  name = 'ProductNames1764376600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product_names (
        organisation_id text        NOT NULL,
        cycle_year      integer     NOT NULL,
        name_key        text        NOT NULL,
        product_id      text        NOT NULL,
        claimed_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_product_names PRIMARY KEY (organisation_id, cycle_year, name_key),
        CONSTRAINT ck_product_names_key_present CHECK (name_key <> '')
      )`);
    await q.query(`
      INSERT INTO product_names (organisation_id, cycle_year, name_key, product_id, claimed_at)
      SELECT DISTINCT ON (1, 2, 3) organisation_id::text, cycle_year, key, product_id::text, submitted_at
        FROM (SELECT p.*, btrim(regexp_replace(${searchKeySql('p.name')}, '\\s+', ' ', 'g')) AS key FROM products p) named
       WHERE key <> ''
       ORDER BY 1, 2, 3, submitted_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE product_names`);
  }
}
