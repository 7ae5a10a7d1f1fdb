import { organisationEndToEnd } from './organisation.e2e';

organisationEndToEnd('SQLite event store');
