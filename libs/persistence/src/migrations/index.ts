import { InitialSchema1764374400000 } from './1764374400000-initial-schema';
import { Notifications1764374500000 } from './1764374500000-notifications';
import { CertificateNumbers1764374600000 } from './1764374600000-certificate-numbers';
import { EngineReadModels1764374700000 } from './1764374700000-engine-read-models';
import { ProductPerCycle1764374800000 } from './1764374800000-product-per-cycle';
import { UsersAndKeys1764374900000 } from './1764374900000-users-and-keys';
import { ApiReadModels1764375000000 } from './1764375000000-api-read-models';
import { ProgressIndexes1764375100000 } from './1764375100000-progress-indexes';
import { ProgressSpeed1764375200000 } from './1764375200000-progress-speed';
import { Documents1764375300000 } from './1764375300000-documents';
import { Throttles1764376300000 } from './1764376300000-throttles';
import { SearchKeys1764376400000 } from './1764376400000-search-keys';
import { SessionProducts1764376500000 } from './1764376500000-session-products';
import { ProductNames1764376600000 } from './1764376600000-product-names';
import { OrganisationContacts1764376714000 } from './1764376714000-organisation-contacts';
import { CentralOffice1764376900000 } from './1764376900000-central-office';
import { UserTokensRevoked1764377000000 } from './1764377000000-user-tokens-revoked';
import { Communes1764377100000 } from './1764377100000-communes';
import { NationalNominees1764377200000 } from './1764377200000-national-nominees';

/** Every migration, oldest first. Listed explicitly so the same code runs from source (jest) and from dist. */
export const MIGRATIONS = [
  InitialSchema1764374400000,
  Notifications1764374500000,
  CertificateNumbers1764374600000,
  EngineReadModels1764374700000,
  ProductPerCycle1764374800000,
  UsersAndKeys1764374900000,
  ApiReadModels1764375000000,
  ProgressIndexes1764375100000,
  ProgressSpeed1764375200000,
  Documents1764375300000,
  Throttles1764376300000,
  SearchKeys1764376400000,
  SessionProducts1764376500000,
  ProductNames1764376600000,
  OrganisationContacts1764376714000,
  CentralOffice1764376900000,
  UserTokensRevoked1764377000000,
  Communes1764377100000,
  NationalNominees1764377200000,
];
