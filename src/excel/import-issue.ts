/** One problem in an uploaded file, located the way a person finds it in Excel. */
export interface ImportIssue {
  sheet: string;
  /** 1-based row number as Excel shows it (the header is row 1). */
  row: number;
  /** Column header; empty for problems of the whole row. */
  column: string;
  value: string;
  reason: string;
}

/** Keeps every issue up to a bound (the rest are counted), enough for the report and the marked workbook. */
export class IssueList {
  readonly items: ImportIssue[] = [];
  count = 0;

  constructor(private readonly keep = 200_000) {}

  add(issue: ImportIssue): void {
    this.count++;
    if (this.items.length < this.keep) this.items.push(issue);
  }

  /** By row, as a person reads the sheet; a row's problems keep the order they were found in. */
  sorted(): ImportIssue[] {
    return this.items.map((issue, i) => ({ issue, i })).sort((a, b) => a.issue.row - b.issue.row || a.i - b.i).map((x) => x.issue);
  }
}
