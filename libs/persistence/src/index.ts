export * from './entities';
export * from './migrations';
export * from './data-source';
export * from './event-store/event-store';
export * from './projections/product.projection';
export * from './projections/event-recorder';
export * from './persistence.module';
