/**
 * Validation of one county-year form: the checks live in contracts/monitoring/checks.ts so that the console runs the
 * same rules while the officer types; the server imports them from here.
 */
export {
  MAX_TEXT_LENGTH,
  OUTLIER_MIN_PEERS,
  OUTLIER_Z,
  blockingFindings,
  completenessOf,
  explainedWarningCodes,
  isRequired,
  median,
  modifiedZ,
  validateForm,
  yoyChange,
  type CellState,
  type FormValidationInput,
} from '../../../../../contracts/monitoring.ts';
