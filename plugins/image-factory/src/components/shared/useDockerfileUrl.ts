import { useApiHolder } from '@backstage/core-plugin-api';
import { scmIntegrationsApiRef } from '@backstage/integration-react';
import {
  ImageEnrollment,
  SCM_VIEWS,
} from '@image-factory/backstage-plugin-image-factory-common';

/**
 * Where a developer reads the analysed Dockerfile: its page on the source
 * host (a blob URL on the source location's branch), at a line when one is
 * given. Undefined for sources that are not URLs (a `file:` location has no
 * page) and in apps without SCM integrations.
 */
export function useDockerfileUrl(
  enrollment: ImageEnrollment,
): (line?: number) => string | undefined {
  const integrations = useApiHolder().get(scmIntegrationsApiRef);
  const base = enrollment.sourceLocation?.startsWith('url:')
    ? enrollment.sourceLocation.slice('url:'.length)
    : undefined;
  return line => {
    if (!integrations || !base) {
      return undefined;
    }
    try {
      const url = integrations.resolveUrl({
        url: enrollment.dockerfile ?? 'Dockerfile',
        base,
        lineNumber: line,
      });
      return asFileView(url, integrations.byUrl(url)?.type);
    } catch {
      // A source location the integrations cannot parse: no link, the path
      // is still shown.
      return undefined;
    }
  };
}

// Resolving keeps the base's folder view (`tree`); the host shows a file,
// with its line highlighted, in its file view (`blob`). The folder segment
// replaced is the first one after the repository's owner and name.
function asFileView(url: string, type: string | undefined): string {
  const view = type ? SCM_VIEWS[type] : undefined;
  if (!view) {
    return url;
  }
  const parsed = new URL(url);
  parsed.pathname = parsed.pathname.replace(
    new RegExp(`^(/[^/]+/[^/]+.*?)/${view.folder}/`),
    `$1/${view.file}/`,
  );
  return parsed.toString();
}
