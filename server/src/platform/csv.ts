/**
 * A small RFC 4180 CSV reader for trusted text (reference data, method files); uploads use platform/spreadsheets.
 * One implementation, kept in the engine package (which imports nothing of ours): quoted fields may hold commas,
 * doubled quotes and line breaks; CRLF or LF.
 */
export { parseCsv } from '@qixian/composite-index';
