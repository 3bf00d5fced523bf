import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_ENROLLMENT_DEFAULTS,
  parseEnrollment,
} from '@image-factory/backstage-plugin-image-factory-common';
import {
  LocalHttpServer,
  RecordedRequest,
  startLocalHttpServer,
} from '../__testUtils__/localHttpServer';
import { DockerfileReader } from './DockerfileReader';

// No real GitHub or GitLab is reachable from the test machines. These servers
// stand in for them: they implement the one endpoint each of Backstage's real
// UrlReaders calls to fetch a file (see getGithubFileFetchUrl and
// getGitLabFileFetchUrl in @backstage/integration), so the URLs this plugin
// builds are checked by the very code that reads them in production.

const files: Record<string, string> = {
  Dockerfile: 'FROM root\n',
  'services/api/Dockerfile': 'FROM api\n',
  'services/api/docker/Dockerfile.prod': 'FROM api-prod\n',
};

interface Forge extends LocalHttpServer {
  /** The repository's web URL for folders (`tree`) and files (`blob`) on main. */
  tree: string;
  blob: string;
}

/** Serves `files` at `/api/…` the way the forge's file endpoint does. */
async function startForge(
  name: string,
  repo: string,
  fileFromRequest: (request: RecordedRequest) => string | undefined,
): Promise<Forge> {
  const server = await startLocalHttpServer(request => {
    const file = fileFromRequest(request);
    return file === undefined || !(file in files)
      ? undefined
      : { status: 200, headers: { etag: `"${file}"` }, text: files[file] };
  });
  const tree = name === 'GitLab' ? '-/tree' : 'tree';
  const blob = name === 'GitLab' ? '-/blob' : 'blob';
  return {
    ...server,
    tree: `${server.url}/${repo}/${tree}/main`,
    blob: `${server.url}/${repo}/${blob}/main`,
  };
}

// GET /api/v3/repos/{owner}/{repo}/contents/{path}?ref=main, raw media type.
const githubFile = (request: RecordedRequest) => {
  const match = request.path.match(
    /^\/api\/v3\/repos\/acme\/payments\/contents\/(.+)$/,
  );
  const raw = /^application\/vnd\.github(\.v3)?\.raw$/.test(
    String(request.headers.accept),
  );
  return match && raw && request.query.get('ref') === 'main'
    ? decodeURIComponent(match[1])
    : undefined;
};

// GET /api/v4/projects/{url-encoded project}/repository/files/{url-encoded path}/raw?ref=main
const gitlabFile = (request: RecordedRequest) => {
  const match = request.path.match(
    /^\/api\/v4\/projects\/group%2Fsub%2Fledger\/repository\/files\/([^/]+)\/raw$/,
  );
  return match && request.query.get('ref') === 'main'
    ? decodeURIComponent(match[1])
    : undefined;
};

/** Every source-location form the README shows, and the defaults it names. */
const forms: Array<{
  form: string;
  annotations: (forge: Forge) => Record<string, string>;
  content: string;
}> = [
  {
    form: 'image-factory.io/source-location url:…/tree/main/',
    annotations: f => ({
      'image-factory.io/source-location': `url:${f.tree}/`,
    }),
    content: 'FROM root\n',
  },
  {
    form: 'image-factory.io/source-location url:…/tree/main/<folder> without a trailing slash',
    annotations: f => ({
      'image-factory.io/source-location': `url:${f.tree}/services/api`,
    }),
    content: 'FROM api\n',
  },
  {
    form: 'image-factory.io/source-location url:…/tree/main/<folder>/ and a Dockerfile in a subfolder',
    annotations: f => ({
      'image-factory.io/source-location': `url:${f.tree}/services/api/`,
      'image-factory.io/dockerfile': 'docker/Dockerfile.prod',
    }),
    content: 'FROM api-prod\n',
  },
  {
    form: 'image-factory.io/source-location url:…/blob/main/',
    annotations: f => ({
      'image-factory.io/source-location': `url:${f.blob}/`,
    }),
    content: 'FROM root\n',
  },
  {
    form: 'image-factory.io/source-location as a path from the catalog file',
    annotations: f => ({
      'image-factory.io/source-location': 'services/api',
      'backstage.io/managed-by-location': `url:${f.blob}/catalog-info.yaml`,
    }),
    content: 'FROM api\n',
  },
  {
    form: 'the default backstage.io/source-location url:…/tree/main/',
    annotations: f => ({
      'backstage.io/source-location': `url:${f.tree}/services/api/`,
    }),
    content: 'FROM api\n',
  },
  {
    form: "the default folder of the entity's catalog file",
    annotations: f => ({
      'backstage.io/managed-by-location': `url:${f.blob}/services/api/catalog-info.yaml`,
    }),
    content: 'FROM api\n',
  },
];

describe('DockerfileReader with GitHub and GitLab source locations', () => {
  let github: Forge;
  let gitlab: Forge;
  let reader: DockerfileReader;

  beforeAll(async () => {
    github = await startForge('GitHub', 'acme/payments', githubFile);
    gitlab = await startForge('GitLab', 'group/sub/ledger', gitlabFile);
    const host = (forge: Forge) => new URL(forge.url).host;
    const config = mockServices.rootConfig({
      data: {
        integrations: {
          github: [{ host: host(github), apiBaseUrl: `${github.url}/api/v3` }],
          gitlab: [
            {
              host: host(gitlab),
              apiBaseUrl: `${gitlab.url}/api/v4`,
              baseUrl: gitlab.url,
            },
          ],
        },
      },
    });
    reader = DockerfileReader.create({
      urlReader: UrlReaders.default({
        config,
        logger: mockServices.logger.mock(),
      }),
    });
  });
  afterAll(async () => {
    await Promise.all([github.close(), gitlab.close()]);
  });

  describe.each(['GitHub', 'GitLab'])('%s', name => {
    const forge = () => (name === 'GitHub' ? github : gitlab);

    it.each(forms)(
      'reads the Dockerfile through $form',
      async ({ annotations, content }) => {
        const enrollment = parseEnrollment(
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'payments',
              annotations: {
                'image-factory.io/image': 'ghcr.io/acme/payments',
                ...annotations(forge()),
              },
            },
          },
          DEFAULT_ENROLLMENT_DEFAULTS,
        )!;
        expect(enrollment.errors).toEqual([]);
        const result = await reader.read({
          sourceLocation: enrollment.sourceLocation!,
          dockerfile: enrollment.dockerfile,
        });
        expect(result).toMatchObject({ status: 'read', content });
      },
    );
  });
});
