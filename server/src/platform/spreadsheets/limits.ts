/** Limits on uploaded spreadsheets and the shapes that cross the worker boundary. */

export const MiB = 1024 * 1024;

export interface ParseLimits {
  /** Bytes of the uploaded file. */
  maxBytes: number;
  /** Entries in an xlsx (zip) central directory. */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes of all entries. */
  maxInflatedBytes: number;
  /** Uncompressed size of one entry divided by its compressed size (entries above 1 MiB only). */
  maxRatio: number;
  /** Uncompressed size of xl/sharedStrings.xml. */
  maxSharedStringsBytes: number;
  /** Data rows (xlsx rows or CSV records after the header). */
  maxRows: number;
  /** Columns kept per row; cells further right are ignored. */
  maxColumns: number;
  /** Characters kept per cell; longer text is cut (and fails the column's length check). */
  maxCellChars: number;
  /** Worker heap (MB) and wall time (ms). */
  workerHeapMb: number;
  workerTimeoutMs: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxBytes: 20 * MiB,
  maxEntries: 500,
  maxInflatedBytes: 256 * MiB,
  maxRatio: 200,
  maxSharedStringsBytes: 64 * MiB,
  maxRows: 100_000,
  maxColumns: 64,
  maxCellChars: 4000,
  workerHeapMb: 128,
  workerTimeoutMs: 60_000,
};

/** A cell as the worker hands it back: text, number, or empty. Dates arrive as ISO text (YYYY-MM-DD). */
export type Cell = string | number | null;

export interface GridRow {
  /** Row number in the spreadsheet (the header is row 1). */
  row: number;
  cells: Cell[];
}

/** What a file says before its rows: its format (and a CSV's encoding) and the header row. */
export interface GridHead {
  format: 'xlsx' | 'csv';
  encoding?: string;
  header: Cell[];
}

export interface Grid extends GridHead {
  rows: GridRow[];
}

/** Why a file was refused before or during parsing; `status` is the HTTP status to answer. */
export interface Rejection {
  status: 400 | 413 | 415;
  reason: string;
  zh: string;
  en: string;
}

/** Builds a rejection (pure data, so it crosses the worker boundary). */
export function reject(status: Rejection['status'], reason: string, zh: string, en: string): Rejection {
  return { status, reason, zh, en };
}

/** Thrown inside the worker; carried back as a message. */
export class RejectionError extends Error {
  readonly rejection: Rejection;
  constructor(rejection: Rejection) {
    super(rejection.en);
    this.rejection = rejection;
  }
}
