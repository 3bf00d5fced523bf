import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import { renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { imageStatus } from '../../__testUtils__/fixtures';
import { useDockerfileUrl } from './useDockerfileUrl';

const integrations = ScmIntegrationsApi.fromConfig(
  mockApis.config({
    data: {
      integrations: {
        gitlab: [
          {
            host: 'gitlab.example.com',
            apiBaseUrl: 'https://gitlab.example.com/api/v4',
          },
        ],
      },
    },
  }),
);

function dockerfileUrl(
  sourceLocation: string | null,
  dockerfile: string | null,
  line?: number,
) {
  const enrollment = {
    ...imageStatus().enrollment,
    sourceLocation,
    dockerfile,
  };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[scmIntegrationsApiRef, integrations]]}>
      {children}
    </TestApiProvider>
  );
  return renderHook(() => useDockerfileUrl(enrollment), {
    wrapper,
  }).result.current(line);
}

describe('useDockerfileUrl', () => {
  it('links a GitHub Dockerfile as a file, at a line', () => {
    expect(
      dockerfileUrl(
        'url:https://github.com/tree/tree/tree/main/services/',
        'docker/Dockerfile',
        12,
      ),
    ).toBe(
      'https://github.com/tree/tree/blob/main/services/docker/Dockerfile#L12',
    );
  });

  it('links a GitLab Dockerfile as a file', () => {
    expect(
      dockerfileUrl(
        'url:https://gitlab.example.com/acme/platform/api/-/tree/release/',
        null,
      ),
    ).toBe(
      'https://gitlab.example.com/acme/platform/api/-/blob/release/Dockerfile',
    );
  });

  it('resolves a Dockerfile path from the repository root', () => {
    expect(
      dockerfileUrl(
        'url:https://github.com/acme/payments/tree/main/services/api/',
        '/Dockerfile',
      ),
    ).toBe('https://github.com/acme/payments/blob/main/Dockerfile');
  });

  it('gives no link for a local source or one that is not a URL', () => {
    expect(dockerfileUrl('file:/srv/payments/', 'Dockerfile')).toBeUndefined();
    expect(dockerfileUrl(null, 'Dockerfile')).toBeUndefined();
    expect(dockerfileUrl('url:not a url', 'Dockerfile')).toBeUndefined();
  });
});
