/**
 * The message catalogue. Every failure a user can see has a stable code:
 * E0xx stop the whole run (exit 1), E1xx fail one document (exit 2 at the
 * end), W2xx are warnings on a document that is still written.
 */
export const MESSAGES = {
  E001: 'bad usage',
  E002: 'input path not found',
  E003: 'output folder not writable',
  E004: 'invalid resource file',
  E005: 'invalid gold or prediction file',
  E006: 'invalid pipeline configuration',
  E007: 'model not available',
  E008: 'export target not usable',
  E009: 'queue not usable',
  E010: 'output folder in use',
  E101: 'empty document',
  E102: 'binary file',
  E103: 'file too large',
  E104: 'unreadable file',
  E105: 'malformed JSONL line',
  E106: 'duplicate docId',
  E107: 'invalid docId',
  E108: 'output not written',
  E109: 'pipeline error',
  E110: 'output failed schema validation',
  E111: 'document exceeded its time budget',
  E112: "document exceeded the worker's memory budget",
  E113: 'not a stancemap article',
  E114: 'document not exported',
  E115: 'queued job failed',
  W201: 'invalid UTF-8',
} as const;

export type MessageCode = keyof typeof MESSAGES;
export type FatalCode = Extract<MessageCode, `E0${string}`>;
export type DocumentErrorCode = Extract<MessageCode, `E1${string}`>;

/** A failure that stops the whole run: the CLI prints it and exits 1. */
export class FatalError extends Error {
  constructor(
    readonly code: FatalCode,
    readonly detail: string,
  ) {
    super(`${code} ${MESSAGES[code]}: ${detail}`);
    this.name = 'FatalError';
  }
}

/** A failure of one document: reported in the manifest and errors.ndjson, the run goes on. */
export class DocumentError extends Error {
  constructor(
    readonly code: DocumentErrorCode,
    readonly detail: string,
  ) {
    super(`${code} ${MESSAGES[code]}: ${detail}`);
    this.name = 'DocumentError';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
