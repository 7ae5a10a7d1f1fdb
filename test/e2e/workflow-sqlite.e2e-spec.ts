import { workflowEndToEnd } from './workflow.e2e';

workflowEndToEnd('SQLite event store');
