/**
 * Test helper: the location of the conformance suites in ../shared/conformance and a reader relative to it. The CSV
 * reader itself lives in csv.ts (re-exported here for the existing tests).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type CsvTable, readCsvFile } from './csv.ts';

export { type CsvTable, parseCsv, parseNumber, tableToDataSet } from './csv.ts';

/**
 * Root of the composite-index conformance suites: ../shared/conformance beside the repository, i.e.
 * ../../../shared/conformance from packages/composite-index (resolved from this file, not the working directory).
 */
export const CONFORMANCE_DIR = path.resolve(import.meta.dirname, '../../../../shared/conformance/composite-index');

/** True when the conformance folder is present (it is in CI and on every developer machine). */
export const hasConformance = existsSync(CONFORMANCE_DIR);

/** Reads a CSV file (path relative to the conformance folder) into a table. */
export function readTable(relative: string): CsvTable {
  return readCsvFile(path.join(CONFORMANCE_DIR, relative));
}
