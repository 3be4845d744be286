/**
 * Reads an upload and validates it as it is read: rows arrive from the parse worker in batches and each batch is
 * validated before the next is sent, so the main thread never holds the file's grid — only the validated rows and
 * the row errors.
 */
import type { AnyImportKind } from './import-kind.ts';
import type { GridHead, ParseLimits } from './limits.ts';
import { streamInWorker } from './parse.ts';
import { mapHeaders, rowValidator, type ColumnSpec, type Validated } from './sheet.ts';

export interface UploadValidation {
  head: GridHead;
  /** Required columns the header lacks (then no row is validated and `validated` is empty). */
  missing: ColumnSpec[];
  validated: Validated<unknown>;
}

/** Parses and validates `bytes` for `kind`; `onProgress` gets the fraction (0-1) of the row limit read so far. */
export async function validateUpload(
  kind: AnyImportKind,
  bytes: Uint8Array,
  limits: Partial<ParseLimits> | undefined,
  onProgress: (fraction: number) => Promise<void>,
): Promise<UploadValidation> {
  const maxRows = kind.sheet.maxRows ?? limits?.maxRows;
  let head: GridHead = { format: 'csv', header: [] };
  let missing: ColumnSpec[] = [];
  const state: { validator: ReturnType<typeof rowValidator<unknown>> | null } = { validator: null };
  let read = 0;
  await streamInWorker(
    bytes,
    {
      head(h) {
        head = h;
        missing = mapHeaders(kind.sheet, h.header).missing;
        // Without the required columns the rows are still read (the limits apply) but not validated.
        if (missing.length === 0) state.validator = rowValidator(kind.sheet, h.header);
      },
      async rows(batch) {
        state.validator?.add(batch);
        read += batch.length;
        await onProgress(Math.min(1, read / (maxRows ?? 100_000)));
      },
    },
    { limits: { ...limits, ...(maxRows ? { maxRows } : {}) } },
  );
  return {
    head,
    missing,
    validated: state.validator?.result() ?? { rows: [], errors: [], rowCount: 0 },
  };
}
