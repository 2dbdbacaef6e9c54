/**
 * The field table of a review item (ReviewableContent). Items never travel to the sync
 * server, but their ids do (in sessions and answers), so an item id follows the id rule.
 */
import type { ReviewableContent } from '../types.js';
import type { RecordTable } from './check-record.js';
import { RECORD_LIMITS } from './field.js';

/** One rule per field of an item; `contentType` and `version` have defaults. */
export const CONTENT_FIELDS: RecordTable<ReviewableContent> = {
  id: { kind: 'id' },
  contentType: { kind: 'text', nonEmpty: true, default: 'card' },
  prompt: { kind: 'text' },
  answer: { kind: 'text' },
  version: { kind: 'number', default: 1 },
  accept: { kind: 'texts', optional: true, max: RECORD_LIMITS.maxAcceptedAnswers },
  extra: { kind: 'object', optional: true },
};
