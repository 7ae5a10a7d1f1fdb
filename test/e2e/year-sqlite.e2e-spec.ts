import { yearEndToEnd } from './year.e2e';

yearEndToEnd('SQLite event store');
