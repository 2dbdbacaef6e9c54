/**
 * The messages between a page's storage and its answer worker (answer-worker.ts,
 * answer-worker-client.ts), and how an error crosses between them: as its name, message,
 * code and details, made again on the page as the same kind of error (an OfflineReviewError
 * with its code, or a DOMException with its name, which the quota manager recognises).
 */
import { OfflineReviewError } from '../errors.js';
import type { ErrorCode } from '../error-codes.js';
import type { AnswerRecord } from '../types.js';
import type { AnswerWrite, DeriveWith } from './answer-store.js';

/** One answer to record, with what `recordAnswer` needs beside it. */
export interface AnswerRequest {
  id: number;
  dbName: string;
  deviceId: string;
  answer: AnswerRecord;
  now: number;
  derive?: DeriveWith;
}

/** An error as it crosses a message. */
export interface WireError {
  name: string;
  message: string;
  code?: ErrorCode;
  details?: Record<string, unknown>;
  /** A DOMException (a quota or transaction error), made again as one. */
  dom?: boolean;
}

/** The worker's messages: that it runs (once, first), then for each answer what was written, or why not. */
export type AnswerReply = { ready: true } | { id: number; written: AnswerWrite } | { id: number; error: WireError };

/** `error` as a message can carry it. */
export function toWire(error: unknown): WireError {
  if (error instanceof OfflineReviewError) {
    // Details hold plain values (ids, names, counts); a cause is not sent (it may not clone).
    return { name: error.name, message: error.message, code: error.code, details: error.details };
  }
  const { name = 'Error', message = String(error) } = (error ?? {}) as Partial<Error>;
  return { name, message, dom: error instanceof DOMException };
}

/** The error `wire` was, made again. */
export function fromWire(wire: WireError): Error {
  if (wire.code) return new OfflineReviewError(wire.code, wire.message, { details: wire.details ?? {} });
  if (wire.dom) return new DOMException(wire.message, wire.name);
  return Object.assign(new Error(wire.message), { name: wire.name });
}
