import { planEndToEnd } from './plan.e2e';

planEndToEnd('SQLite event store');
