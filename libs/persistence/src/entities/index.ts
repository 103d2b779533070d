import { EventEntity } from './event.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { OrganisationEntity } from './organisation.entity';
import { ProductEntity } from './product.entity';

export { EventEntity, IdempotencyKeyEntity, OrganisationEntity, ProductEntity };
export const ENTITIES = [EventEntity, ProductEntity, OrganisationEntity, IdempotencyKeyEntity];
