import { InitialSchema1764374400000 } from './1764374400000-initial-schema';

/** Every migration, oldest first. Listed explicitly so the same code runs from source (jest) and from dist. */
export const MIGRATIONS = [InitialSchema1764374400000];
