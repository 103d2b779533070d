import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OrganisationEntity, ProductEntity } from '@ocop/persistence';

/** Reads of the products read model (the workflow's activities are its only writer). */
@Injectable()
export class ProductsRepository {
  constructor(
    @InjectRepository(ProductEntity) private readonly products: Repository<ProductEntity>,
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
  ) {}

  /** The product as it stands in its latest cycle. */
  findProduct(productId: string): Promise<ProductEntity | null> {
    return this.products.findOne({ where: { productId }, order: { cycleYear: 'DESC' } });
  }

  findOrganisation(organisationId: string): Promise<OrganisationEntity | null> {
    return this.organisations.findOneBy({ organisationId });
  }
}
