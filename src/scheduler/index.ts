/** The scheduler: FSRS (ts-fsrs) card states derived from answers, the learner's day, the parameters. */
export * from './parameters.js';
export * from './parse-parameters-key.js';
export * from './learner-day.js';
export * from './card-state.js';
export * from './session-queue.js';
