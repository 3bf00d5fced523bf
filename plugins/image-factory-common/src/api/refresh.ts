/**
 * Answer of `POST /refresh`: what one run of the whole pipeline did.
 *
 * @public
 */
export interface RefreshSummary {
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601. */
  finishedAt: string;
  /** Managed images whose Dockerfile was analysed. */
  analyzed: number;
  /** Distinct repository and tag pairs whose digest was resolved. */
  checked: number;
  /** New freight records found. */
  newFreight: number;
  rebuildsTriggered: number;
  /** The state repository commit; null when nothing changed. */
  commit: string | null;
  /** Per-item problems that did not stop the run. */
  errors: string[];
}
