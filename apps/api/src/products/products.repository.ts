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

  findProduct(productId: string): Promise<ProductEntity | null> {
    return this.products.findOneBy({ productId });
  }

  findOrganisation(organisationId: string): Promise<OrganisationEntity | null> {
    return this.organisations.findOneBy({ organisationId });
  }
}
