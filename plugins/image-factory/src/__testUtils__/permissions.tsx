import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { act, waitFor } from '@testing-library/react';
import { ReactElement, ReactNode } from 'react';
import { SWRConfig } from 'swr';

/** A permission API that allows the named permissions and records every question. */
export interface RecordingPermissionApi extends PermissionApi {
  asked: string[];
  /** Each question as `name` or `name on resourceRef`. */
  questions: string[];
}

/** Allows `allowed` (every permission when omitted) and denies the rest. */
export function recordingPermissionApi(
  allowed?: string[],
): RecordingPermissionApi {
  const asked: string[] = [];
  const questions: string[] = [];
  return {
    asked,
    questions,
    async authorize(request) {
      asked.push(request.permission.name);
      questions.push(
        request.resourceRef
          ? `${request.permission.name} on ${request.resourceRef}`
          : request.permission.name,
      );
      const allow = !allowed || allowed.includes(request.permission.name);
      return { result: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    },
  };
}

/**
 * Waits until the permission was asked and its answer rendered, so a test can
 * assert that something stays hidden.
 */
export async function permissionAnswered(
  api: RecordingPermissionApi,
  name: string,
): Promise<void> {
  await waitFor(() => expect(api.asked).toContain(name));
  await act(async () => {});
}

/**
 * usePermission caches answers in SWR's global cache for the whole test file;
 * a fresh cache per render keeps one test's answers out of the next.
 */
export function FreshPermissionCache(props: {
  children: ReactNode;
}): ReactElement {
  return (
    <SWRConfig value={{ provider: () => new Map() }}>
      {props.children}
    </SWRConfig>
  );
}
