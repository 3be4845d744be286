/** Test helper: loads the COINr ASEM conformance suite (via conformance.ts) from ../shared/conformance. */
import { type AsemSuite, loadAsem as loadAsemFrom } from './conformance.ts';
import { type CsvTable, CONFORMANCE_DIR, readTable } from './csv.test-helper.ts';

export { ASEM_METHOD, type AsemSuite } from './conformance.ts';

/** Loads asem/input_*.csv from the shared conformance folder. */
export function loadAsem(): AsemSuite {
  return loadAsemFrom(CONFORMANCE_DIR);
}

/** Reads an expected table (by file name in asem/). */
export function readExpected(file: string): CsvTable {
  return readTable(`asem/${file}`);
}
