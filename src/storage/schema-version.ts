/**
 * The current schema version (upgrades.ts has one step per version), in a module of its own:
 * the review tag's first-card reader (first-card-states.ts) checks it without the connection
 * and upgrade code that connect.ts brings.
 */
export const DB_VERSION = 4;
