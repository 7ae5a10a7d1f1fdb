import { carryOverEndToEnd } from './carry-over.e2e';

carryOverEndToEnd('SQLite event store');
