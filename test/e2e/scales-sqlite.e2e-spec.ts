import { scalesEndToEnd } from './scales.e2e';

scalesEndToEnd('SQLite event store');
