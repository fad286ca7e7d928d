// The finding shape shared by validate and scan (and read by the repair prompt): a rule id a
// model can act on, how bad it is, what to do about it, and where in the document.
export type Severity = 'block' | 'review' | 'info';

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  line?: number;
  column?: number;
  source?: string;
}
