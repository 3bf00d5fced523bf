import { CustomErrorBase } from '@backstage/errors';
import type { RebuildProvider } from '@internal/plugin-image-factory-common';

/**
 * A rebuild trigger or follow-up that the CI provider refused or that could
 * not reach it. The message carries the HTTP status and the provider's own
 * message, scrubbed of credentials; there is deliberately no `cause`, since
 * the underlying request objects carry authorization headers.
 *
 * @public
 */
export class TriggerError extends CustomErrorBase {
  /** HTTP status of the provider's answer; undefined when there was none. */
  readonly status: number | undefined;
  readonly provider: RebuildProvider;

  constructor(options: {
    provider: RebuildProvider;
    status?: number;
    message: string;
  }) {
    super(options.message);
    this.name = 'TriggerError';
    this.status = options.status;
    this.provider = options.provider;
  }
}
