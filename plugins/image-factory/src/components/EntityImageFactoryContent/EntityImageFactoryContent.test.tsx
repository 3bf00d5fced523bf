import { SignalApi } from '@backstage/plugin-signals-react';
import {
  IMAGE_FACTORY_SIGNAL_CHANNEL,
  ImageStatus,
  RebuildRecord,
} from '@image-factory/backstage-plugin-image-factory-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seriousA11yViolations } from '../../__testUtils__/axe';
import {
  fakeImageFactoryApi,
  pipelineRun,
} from '../../__testUtils__/fakeImageFactoryApi';
import {
  digests,
  fromNow,
  imageStatus,
  nodeBaseImage,
  units,
} from '../../__testUtils__/fixtures';
import {
  permissionAnswered,
  recordingPermissionApi,
} from '../../__testUtils__/permissions';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import { localSignals } from '../../__testUtils__/signals';
import { EntityImageFactoryContent } from './EntityImageFactoryContent';

async function renderTab(
  status: ImageStatus | Promise<ImageStatus>,
  methods: Parameters<typeof fakeImageFactoryApi>[0] = {},
  allowed?: string[],
  signalApi?: SignalApi,
) {
  const getImage = jest.fn(() => Promise.resolve(status));
  const api = fakeImageFactoryApi({ getImage, ...methods });
  const permissionApi = recordingPermissionApi(allowed);
  const rendered = await renderWithEntity(<EntityImageFactoryContent />, {
    api,
    permissionApi,
    signalApi,
  });
  return { getImage, permissionApi, container: rendered.container };
}

describe('EntityImageFactoryContent', () => {
  it('loads the status again when a pipeline run ends, and says so', async () => {
    const signals = localSignals();
    const { getImage } = await renderTab(imageStatus(), {}, undefined, signals);
    expect(
      await screen.findByText(/updates when a pipeline run ends/),
    ).toHaveTextContent('Last refreshed just now');
    expect(getImage).toHaveBeenCalledTimes(1);
    getImage.mockResolvedValue(
      imageStatus({
        enrollment: { ...imageStatus().enrollment, workflow: 'release.yml' },
      }),
    );
    signals.send('unrelated-channel', { type: 'run-finished' });
    act(() =>
      signals.send(IMAGE_FACTORY_SIGNAL_CHANNEL, {
        type: 'run-finished',
        runId: 'run-1',
        status: 'succeeded',
      }),
    );
    expect(await screen.findByText('release.yml')).toBeInTheDocument();
    expect(getImage).toHaveBeenCalledTimes(2);
  });

  it('says the page needs a reload in an app without signals', async () => {
    await renderTab(imageStatus());
    expect(
      await screen.findByText(/reload the page for newer data/),
    ).toBeInTheDocument();
  });

  it('lists base images with built, latest and eligible digests', async () => {
    await renderTab(
      imageStatus({
        baseImages: [nodeBaseImage({ eligibleDigest: digests.nodeNew })],
      }),
    );
    const table = await screen.findByRole('table', { name: 'Base images' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'Reference',
      'State',
      'Built on',
      'Latest',
      'Eligible',
      'Last updated',
      'Update history',
    ]);
    const row = within(table)
      .getByText('docker.io/library/node:22-bookworm-slim')
      .closest('tr')!;
    const cells = within(row as HTMLElement).getAllByRole('cell');
    expect(cells[2]).toHaveTextContent(`sha256:${'a1'.repeat(6)}`);
    expect(cells[3]).toHaveTextContent(`sha256:${'b2'.repeat(6)}`);
    expect(cells[4]).toHaveTextContent(`sha256:${'b2'.repeat(6)}`);
    expect(cells[5]).toHaveTextContent('2d ago');
    expect(cells[1]).toHaveTextContent('Update eligible');
  });

  it('shows the update history of a base image on demand', async () => {
    await renderTab(imageStatus());
    const toggle = await screen.findByRole('button', {
      name: 'Show update history of docker.io/library/node:22-bookworm-slim',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');

    await userEvent.click(toggle);

    const history = screen.getByRole('table', {
      name: 'Update history of docker.io/library/node:22-bookworm-slim',
    });
    const rows = within(history).getAllByRole('row');
    expect(rows).toHaveLength(3);
    // Newest first, as the API lists the updates.
    expect(rows[1]).toHaveTextContent('2d ago');
    expect(rows[2]).toHaveTextContent('40d ago');
  });

  it('shows the signature of each digest where signatures are required, and why in a tooltip', async () => {
    await renderTab(
      imageStatus({
        baseImages: [
          nodeBaseImage({
            signatureMode: 'require',
            updates: [
              {
                digest: digests.nodeNew,
                firstSeen: fromNow(-2 * units.DAY),
                signature: {
                  state: 'unsigned',
                  detail:
                    'No cosign signature: the registry has no signature tag for this digest.',
                },
              },
              {
                digest: digests.nodeOld,
                firstSeen: fromNow(-40 * units.DAY),
                signature: {
                  state: 'verified',
                  detail: 'Signed with the key "release".',
                },
              },
            ],
          }),
        ],
      }),
    );
    const table = await screen.findByRole('table', { name: 'Base images' });
    const row = within(table)
      .getByText('docker.io/library/node:22-bookworm-slim')
      .closest('tr')!;
    // The latest digest is unsigned, so it is never built on.
    expect(
      within(row as HTMLElement).getAllByRole('cell')[3],
    ).toHaveTextContent('Unsigned');
    await userEvent.hover(within(row as HTMLElement).getByText('Unsigned'));
    expect(
      await screen.findByText(
        'No cosign signature: the registry has no signature tag for this digest.',
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show update history of docker.io/library/node:22-bookworm-slim',
      }),
    );
    const history = screen.getByRole('table', {
      name: 'Update history of docker.io/library/node:22-bookworm-slim',
    });
    expect(
      within(history)
        .getAllByRole('row')
        .map(r => r.lastChild?.textContent),
    ).toEqual(['Signature', 'Unsigned', 'Signed']);
  });

  it("says what the eligible digest fixes and adds of the built digest's vulnerabilities", async () => {
    const scan = (ids: object) => ({
      state: 'reported' as const,
      detail: 'Scanned by trivy 0.58.1 on 2026-12-03.',
      ids,
    });
    await renderTab(
      imageStatus({
        baseImages: [
          nodeBaseImage({
            eligibleDigest: digests.nodeNew,
            signatureMode: 'warn',
            updates: [
              {
                digest: digests.nodeNew,
                firstSeen: fromNow(-10 * units.DAY),
                vulnerabilities: scan({ high: ['CVE-2026-0009'] }),
              },
              {
                digest: digests.nodeOld,
                firstSeen: fromNow(-40 * units.DAY),
                vulnerabilities: scan({
                  critical: ['CVE-2026-0001', 'CVE-2026-0002'],
                }),
              },
            ],
          }),
        ],
      }),
    );
    const table = await screen.findByRole('table', { name: 'Base images' });
    const row = within(table)
      .getByText('docker.io/library/node:22-bookworm-slim')
      .closest('tr')!;
    const eligible = within(row as HTMLElement).getAllByRole('cell')[4];
    expect(eligible).toHaveTextContent('fixes 2 critical');
    expect(eligible).toHaveTextContent('adds 1 high');
    await userEvent.hover(within(eligible).getByText('fixes 2 critical'));
    expect(
      await screen.findByText('Fixed: CVE-2026-0001, CVE-2026-0002'),
    ).toBeInTheDocument();
  });

  it('shows no signature column for a base image without a signing key', async () => {
    await renderTab(imageStatus());
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show update history of docker.io/library/node:22-bookworm-slim',
      }),
    );
    const history = screen.getByRole('table', {
      name: 'Update history of docker.io/library/node:22-bookworm-slim',
    });
    expect(within(history).queryByText('Signature')).not.toBeInTheDocument();
  });

  it('puts every freight record on one timeline, newest first, marked', async () => {
    await renderTab(imageStatus());
    const timeline = await screen.findByRole('list', {
      name: 'Freight timeline',
    });
    const items = within(timeline).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      expect.stringMatching(
        /2d ago.*node:22-bookworm-slim.*newest, waiting for the delay/,
      ),
      expect.stringMatching(/30d ago.*distroless.*from kargo.*built on/),
      expect.stringMatching(/40d ago.*node:22-bookworm-slim.*built on/),
    ]);
  });

  it('lists rebuilds with trigger, requester, justification, outcome and run link', async () => {
    await renderTab(
      imageStatus({
        rebuilds: [
          {
            id: 'rb-2',
            trigger: 'emergency',
            requestedBy: 'user:default/sec-eng',
            justification: 'CVE-2024-6387 in openssh, exploited in the wild',
            requestedAt: fromNow(-units.DAY),
            provider: 'github',
            runUrl: 'https://github.com/acme/payments/actions/runs/202',
            status: 'completed',
            conclusion: 'failure',
            baseDigests: {
              'docker.io/library/node:22-bookworm-slim': digests.nodeNew,
            },
          },
          {
            id: 'rb-1',
            trigger: 'auto',
            requestedBy: 'image-factory',
            requestedAt: fromNow(-3 * units.DAY),
            provider: 'github',
            status: 'failed',
            error: 'GitHub answered 404: Not Found',
            baseDigests: {},
          },
        ],
      }),
    );
    const table = await screen.findByRole('table', { name: 'Rebuild history' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Emergency');
    expect(rows[0]).toHaveTextContent('user:default/sec-eng');
    expect(rows[0]).toHaveTextContent('CVE-2024-6387 in openssh');
    expect(rows[0]).toHaveTextContent('Failed');
    expect(
      within(rows[0]).getByRole('link', { name: /^View run/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/actions/runs/202',
    );
    expect(rows[1]).toHaveTextContent('Trigger failed');
    expect(rows[1]).toHaveTextContent('GitHub answered 404: Not Found');
    expect(rows[1]).toHaveTextContent('no run yet');
  });

  it('says what the check of each successful rebuild found in the pushed image', async () => {
    const node = 'docker.io/library/node:22-bookworm-slim';
    const succeeded = (
      id: string,
      verification: RebuildRecord['verification'],
    ): RebuildRecord => ({
      id,
      trigger: 'auto',
      requestedBy: 'image-factory',
      requestedAt: fromNow(-units.DAY),
      provider: 'github',
      status: 'completed',
      conclusion: 'success',
      baseDigests: { [node]: digests.nodeNew },
      verification,
    });
    const check = (
      outcome: 'verified' | 'mismatch' | 'unverifiable',
      detail: string,
    ) => ({
      outcome,
      checkedAt: fromNow(-units.DAY),
      image: `ghcr.io/acme/payments:latest@${digests.nodeNew}`,
      detail,
      baseImages: [],
    });
    await renderTab(
      imageStatus({
        rebuilds: [
          succeeded(
            'rb-3',
            check(
              'mismatch',
              'Rebuilt, but still on sha256:1111 of node:22 instead of sha256:2222 (layers).',
            ),
          ),
          succeeded(
            'rb-2',
            check('unverifiable', 'Nothing in the image says which digest.'),
          ),
          succeeded(
            'rb-1',
            check('verified', 'Built on the digests asked for.'),
          ),
        ],
      }),
    );
    const table = await screen.findByRole('table', { name: 'Rebuild history' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Still on the old base');
    expect(rows[0]).toHaveTextContent('Rebuilt, but still on sha256:1111');
    expect(rows[1]).toHaveTextContent('Succeeded, unverified');
    expect(rows[1]).toHaveTextContent('Nothing in the image says');
    expect(rows[2]).toHaveTextContent('Verified');
  });

  it('shows analysis warnings with their Dockerfile line, linked to it on the source host', async () => {
    await renderTab(
      imageStatus({
        enrollment: {
          ...imageStatus().enrollment,
          dockerfile: 'docker/Dockerfile',
        },
        analysis: {
          status: 'ok',
          analyzedAt: fromNow(-units.HOUR),
          warnings: [
            { line: 7, message: 'COPY --from=$TOOLS stays unresolved' },
            { line: 3, message: 'ARG BASE has no default' },
          ],
        },
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Analysis warnings',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      'docker/Dockerfile:3, Opens in a new windowARG BASE has no default',
      'docker/Dockerfile:7, Opens in a new windowCOPY --from=$TOOLS stays unresolved',
    ]);
    const blob = 'https://github.com/acme/payments/blob/main/docker/Dockerfile';
    expect(
      within(rows[0]).getByRole('link', { name: /^docker\/Dockerfile:3,/ }),
    ).toHaveAttribute('href', `${blob}#L3`);
    expect(
      screen.getByRole('link', { name: /^docker\/Dockerfile,/ }),
    ).toHaveAttribute('href', blob);
  });

  it('shows the Dockerfile of a local source location without a link', async () => {
    await renderTab(
      imageStatus({
        enrollment: {
          ...imageStatus().enrollment,
          sourceLocation: 'file:/srv/payments/',
        },
        analysis: {
          status: 'ok',
          analyzedAt: fromNow(-units.HOUR),
          warnings: [{ line: 3, message: 'ARG BASE has no default' }],
        },
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Analysis warnings',
    });
    expect(table).toHaveTextContent('Dockerfile:3');
    expect(within(table).queryByRole('link')).toBeNull();
    expect(screen.getByText('file:/srv/payments/')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Dockerfile/ })).toBeNull();
  });

  it('links dependents and images sharing a base image', async () => {
    await renderTab(
      imageStatus({ dependents: ['component:default/payments-worker'] }),
    );
    const builtOn = await screen.findByRole('list', {
      name: 'Images built on this image',
    });
    expect(within(builtOn).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-worker',
    );
    const sharing = screen.getByRole('list', {
      name: 'Other images on docker.io/library/node:22-bookworm-slim',
    });
    expect(within(sharing).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout',
    );
  });

  it('links the state file and the Warehouse manifest', async () => {
    await renderTab(imageStatus());
    expect(
      await screen.findByRole('link', { name: /^State file/ }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('state/images/ghcr-io-acme-payments.yaml'),
    );
    expect(
      screen.getByRole('link', { name: /^Warehouse manifest/ }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining(
        'manifests/warehouses/ghcr-io-acme-payments.yaml',
      ),
    );
  });

  it('links the files by their names and paths, without calling the repository local', async () => {
    await renderTab(
      imageStatus({
        links: {
          stateFile:
            'https://gitlab.com/acme/platform/state/-/blob/main/state/images/ghcr-io-acme-payments.yaml',
        },
      }),
    );
    expect(
      await screen.findByRole('link', {
        name: /^State file state\/images\/ghcr-io-acme-payments\.yaml/,
      }),
    ).toHaveAttribute(
      'href',
      'https://gitlab.com/acme/platform/state/-/blob/main/state/images/ghcr-io-acme-payments.yaml',
    );
    expect(
      screen.getByText('manifests/warehouses/ghcr-io-acme-payments.yaml'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/local state repository/),
    ).not.toBeInTheDocument();
  });

  it('names the files of a local state repository without linking them', async () => {
    await renderTab(
      imageStatus({ links: { stateFile: null, warehouseManifest: null } }),
    );
    expect(
      await screen.findByText('state/images/ghcr-io-acme-payments.yaml'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /^State file/ }),
    ).not.toBeInTheDocument();
    expect(screen.getAllByText(/local state repository/)).toHaveLength(2);
  });

  it('queues an analysis, follows its run and reloads the status', async () => {
    const analyzeImage = jest.fn(async () => pipelineRun());
    const getRun = jest.fn(async () => pipelineRun({ status: 'succeeded' }));
    const { getImage } = await renderTab(imageStatus(), {
      analyzeImage,
      getRun,
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Analyze now' }),
    );

    expect(
      await screen.findByRole('button', { name: 'Analysing…' }),
    ).toBeDisabled();
    await waitFor(() => expect(getImage).toHaveBeenCalledTimes(3), {
      timeout: 3000,
    });
    const path = { namespace: 'default', kind: 'component', name: 'payments' };
    expect(analyzeImage).toHaveBeenCalledWith({ path });
    expect(getImage).toHaveBeenLastCalledWith({ path });
    expect(getRun).toHaveBeenCalledWith({ path: { id: pipelineRun().id } });
  });

  it('shows why the analysis run failed', async () => {
    await renderTab(imageStatus(), {
      analyzeImage: async () => pipelineRun(),
      getRun: async () =>
        pipelineRun({ status: 'failed', error: 'The run was stopped' }),
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Analyze now' }),
    );

    expect(
      await screen.findByText(
        'The analysis failed: The run was stopped',
        {},
        {
          timeout: 3000,
        },
      ),
    ).toBeInTheDocument();
  });

  it('shows why an analysis request was refused', async () => {
    const error = await responseError(403, {
      name: 'NotAllowedError',
      message: 'Unauthorized',
    });
    await renderTab(imageStatus(), {
      analyzeImage: () => Promise.reject(error),
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Analyze now' }),
    );

    expect(
      await screen.findByText('The analysis did not run: Unauthorized'),
    ).toBeInTheDocument();
  });

  it('hides Analyze now without the refresh permission', async () => {
    const { permissionApi } = await renderTab(imageStatus(), {}, [
      'image-factory.rebuild.create',
    ]);
    await screen.findByRole('button', { name: 'Rebuild' });
    await permissionAnswered(permissionApi, 'image-factory.refresh');
    expect(
      screen.queryByRole('button', { name: 'Analyze now' }),
    ).not.toBeInTheDocument();
  });

  it('says plainly when the image has not been analysed yet', async () => {
    const error = await responseError(404, {
      name: 'NotFoundError',
      message: 'not found',
    });
    await renderTab(Promise.reject(error));
    expect(await screen.findByText('Not analysed yet')).toBeInTheDocument();
  });

  it('shows a backend error in an error panel', async () => {
    const error = await responseError(503, {
      name: 'Error',
      message: 'state repository unavailable',
    });
    await renderTab(Promise.reject(error));
    expect(
      await screen.findByText('state repository unavailable'),
    ).toBeInTheDocument();
  });

  it('has no serious accessibility violations', async () => {
    const { container } = await renderTab(
      imageStatus({
        analysis: {
          status: 'ok',
          analyzedAt: fromNow(-units.HOUR),
          warnings: [{ line: 3, message: 'ARG BASE has no default' }],
        },
        dependents: ['component:default/payments-worker'],
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show update history of docker.io/library/node:22-bookworm-slim',
      }),
    );
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});
