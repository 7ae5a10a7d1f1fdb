import { publicationEndToEnd } from './publication.e2e';

publicationEndToEnd('SQLite event store');
