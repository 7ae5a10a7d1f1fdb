import { overviewEndToEnd } from './overview.e2e';

overviewEndToEnd('SQLite event store');
