/**
 * 县域创新能力监测和评价 (county innovation monitoring): shared shapes of frameworks, data collection and results.
 * Backend (server/src/modules/monitoring) and console (web/src/console/modules/monitoring) both read these; one file
 * per use case in contracts/monitoring/, gathered here so imports stay `contracts/monitoring.ts`.
 */
export * from './monitoring/frameworks.ts';
export * from './monitoring/collection.ts';
export * from './monitoring/runs.ts';
export * from './monitoring/reports.ts';
