import { writeRoutesEndToEnd } from './write-routes.e2e';

writeRoutesEndToEnd('SQLite event store');
