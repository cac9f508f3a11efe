/**
 * exceljs, loaded on first use: it is the largest dependency the server imports (about a quarter
 * of a second of start-up on these machines), and only exports and roster imports need it.
 */
import type ExcelJSModule from 'exceljs';

let loading: Promise<typeof ExcelJSModule> | null = null;

export const loadExcel = (): Promise<typeof ExcelJSModule> => (loading ??= import('exceljs').then((m) => m.default));
