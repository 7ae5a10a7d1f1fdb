/**
 * The organisation: its state and fold, the decider (with 機構改革 in reorganisation.decider) and the
 * queries, one file each; this module gathers what the library exports.
 */
export * from './organisation.state';
export * from './organisation.decider';
export * from './organisation.queries';
