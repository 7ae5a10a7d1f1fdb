import { delegationEndToEnd } from './delegation.e2e';

delegationEndToEnd('SQLite event store');
