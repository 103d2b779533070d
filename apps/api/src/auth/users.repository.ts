import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What creating a user reads besides the identity store: the organisations read model, for a producer's binding. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The province of a registered organisation; undefined when there is no such organisation. */
  async organisationProvince(organisationId: string): Promise<string | undefined> {
    const [row]: { province_code: string }[] = await this.db.query(`SELECT province_code FROM organisations WHERE organisation_id = $1`, [
      organisationId,
    ]);
    return row?.province_code;
  }
}
