import {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/** An audit event as a test sees it once it has ended. */
export interface RecordedAuditEvent {
  eventId: string;
  severityLevel?: string;
  /** Whether the event came with an HTTP request (a person or a client), or from the plugin itself. */
  fromRequest: boolean;
  meta: JsonObject;
  status: 'initiated' | 'succeeded' | 'failed';
  error?: string;
}

/**
 * Test support: an auditor that keeps every event, with the meta of its start
 * and of its end merged, so a test can say what was recorded and how it ended.
 */
export function recordingAuditor(): {
  auditor: AuditorService;
  events: RecordedAuditEvent[];
} {
  const events: RecordedAuditEvent[] = [];
  const auditor: AuditorService = {
    async createEvent(options: AuditorServiceCreateEventOptions) {
      const event: RecordedAuditEvent = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        fromRequest: options.request !== undefined,
        meta: { ...options.meta },
        status: 'initiated',
      };
      events.push(event);
      return {
        async success(end) {
          Object.assign(event.meta, end?.meta);
          event.status = 'succeeded';
        },
        async fail(end) {
          Object.assign(event.meta, end.meta);
          event.status = 'failed';
          event.error = end.error.message;
        },
      };
    },
  };
  return { auditor, events };
}
