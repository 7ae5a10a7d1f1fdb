import { sectionMoveEndToEnd } from './section-move.e2e';

sectionMoveEndToEnd('SQLite event store');
