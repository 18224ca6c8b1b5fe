// `run --format csv,svg,html`: which kinds of report file to write. The choice never changes a
// written file's bytes; it only leaves files (and the code that draws them) out.
import { REPORT_FORMATS, type ReportFormat } from '../sim/report/files.js';
import { UsageError } from './cli-errors.js';

export function parseFormats(text: string): ReadonlySet<ReportFormat> {
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.find((name) => !(REPORT_FORMATS as readonly string[]).includes(name));
  if (unknown !== undefined || names.length === 0)
    throw new UsageError(`--format ${text}: expected a comma-separated list of ${REPORT_FORMATS.join(', ')} (e.g. --format csv)`);
  return new Set(names as ReportFormat[]);
}
