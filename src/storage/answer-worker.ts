/**
 * The answer worker: a dedicated worker that records a page's answers (answer-store.ts) on
 * its own connection to the same database, so that the IndexedDB objects every answer leaves
 * behind are collected in this worker's heap, not the page's. In the page's heap, their
 * finalization was most of a garbage collector's pause that landed in a learner's key press
 * (docs/design.md, "Grade to next card"). The page's side is answer-worker-client.ts.
 */
import { recordAnswer } from './answer-store.js';
import { toWire, type AnswerReply, type AnswerRequest } from './answer-messages.js';
import { DatabaseConnection } from './database-connection.js';

/** The worker's global scope, as far as it is used here (the project's types are the DOM's). */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<AnswerRequest>) => void) | null;
  postMessage(message: AnswerReply): void;
};

/** One connection a database, opened on the first answer, opened again after another tab's upgrade closed it. */
const connections = new Map<string, DatabaseConnection>();

function connection(dbName: string): DatabaseConnection {
  let found = connections.get(dbName);
  // Opened only as the page made it (never created or upgraded here: the page opens it before
  // it posts an answer). Missing, it is 'storage-unavailable', and the page records the answer.
  if (!found) connections.set(dbName, (found = new DatabaseConnection({ dbName })));
  return found;
}

/** Replies to `id` with `error`: without its details when they do not clone, without its message when even that fails. */
function replyError(id: number, error: unknown): void {
  const wire = toWire(error);
  for (const sent of [wire, { ...wire, details: {} }, { name: 'Error', message: 'The answer was not stored.' }]) {
    try {
      scope.postMessage({ id, error: sent });
      return;
    } catch {
      // Try the plainer form.
    }
  }
}

// Answers arrive in order and each opens its transaction in that order (the connection's
// promise resolves them first come, first served), so they are stored in the order given.
scope.onmessage = async ({ data }) => {
  const { id, dbName, deviceId, answer, now, derive } = data;
  try {
    const written = await recordAnswer(await connection(dbName).db(), deviceId, answer, now, derive);
    scope.postMessage({ id, written });
  } catch (error) {
    replyError(id, error);
  }
};

// Loaded and listening: the page posts the answers it held, and every later one.
scope.postMessage({ ready: true });
