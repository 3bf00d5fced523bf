import { screen, within } from '@testing-library/react';
import { fakeImageFactoryApi } from '../../__testUtils__/fakeImageFactoryApi';
import {
  digests,
  fromNow,
  imageStatus,
  nodeBaseImage,
  units,
} from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import { seriousA11yViolations } from '../../__testUtils__/axe';
import { EntityImageFactoryCard } from './EntityImageFactoryCard';
import { ImageStatus } from '@image-factory/backstage-plugin-image-factory-common';

async function renderCard(status: ImageStatus | Promise<ImageStatus>) {
  const getImage = jest.fn(() => Promise.resolve(status));
  const api = fakeImageFactoryApi({ getImage });
  const rendered = await renderWithEntity(<EntityImageFactoryCard />, { api });
  return { getImage, container: rendered.container };
}

describe('EntityImageFactoryCard', () => {
  it('asks the backend for the status of the entity on the page', async () => {
    const { getImage } = await renderCard(imageStatus());
    await screen.findByText('ghcr.io/acme/payments');
    expect(getImage).toHaveBeenCalledWith({
      path: { namespace: 'default', kind: 'component', name: 'payments' },
    });
  });

  it('links to the Image Status tab and each base image to its page', async () => {
    await renderCard(imageStatus());
    expect(
      await screen.findByRole('link', { name: /Image Status/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/image-status',
    );
    expect(
      screen.getByRole('link', {
        name: 'docker.io/library/node:22-bookworm-slim',
      }),
    ).toHaveAttribute(
      'href',
      '/image-factory/base-images/docker-io-library-node-22-bookworm-slim',
    );
  });

  it('counts down to the moment a pending update becomes eligible', async () => {
    await renderCard(imageStatus());
    expect(await screen.findByText('Eligible in 3d 4h')).toBeInTheDocument();
    expect(screen.getByText('Pending')).toBeInTheDocument();
    expect(
      screen.getByText('New base image digests wait 7d before a rebuild.'),
    ).toBeInTheDocument();
  });

  it('says what a pending image waits for when eligibility names it', async () => {
    const waiting =
      'A rebuild was triggered at 2026-12-03 06:00 UTC; the next one waits for the 1h coordination window.';
    await renderCard(
      imageStatus({
        eligibility: {
          ...imageStatus().eligibility,
          reasons: [waiting],
        },
      }),
    );
    expect(await screen.findByText(waiting)).toBeInTheDocument();
    expect(screen.queryByText(/wait 7d before a rebuild/)).toBeNull();
  });

  it('says an up-to-date image is up to date, once', async () => {
    await renderCard(
      imageStatus({
        baseImages: [nodeBaseImage({ builtDigest: digests.nodeNew })],
        eligibility: { state: 'up-to-date', reasons: [] },
      }),
    );
    const list = await screen.findByRole('list', { name: 'Base images' });
    // The chip says it; a line repeating the chip's words says nothing more.
    const image = screen
      .getAllByText('Up to date')
      .filter(element => !list.contains(element));
    expect(image).toHaveLength(1);
    expect(screen.queryByText(/Eligible/)).not.toBeInTheDocument();
  });

  it('notes a base image index that moved without changing the platforms the image builds', async () => {
    const note = `The index moved to ${digests.nodeNew.slice(
      0,
      19,
    )} on 2026-03-02 08:00 UTC; linux/amd64 is unchanged.`;
    await renderCard(
      imageStatus({
        baseImages: [
          nodeBaseImage({
            latestRelevantDigest: digests.nodeOld,
            platformNote: note,
          }),
        ],
        eligibility: {
          state: 'up-to-date',
          reasons: [
            'Every base image is on its newest digest for linux/amd64.',
          ],
        },
      }),
    );
    const list = await screen.findByRole('list', { name: 'Base images' });
    expect(within(list).getByText(note)).toBeInTheDocument();
    expect(within(list).getByText('Up to date')).toBeInTheDocument();
    expect(within(list).queryByText('Update pending')).not.toBeInTheDocument();
  });

  it('says which platforms use a base image that only some platforms use', async () => {
    await renderCard(
      imageStatus({
        baseImages: [
          nodeBaseImage({
            ref: 'docker.io/library/golang:1.22-amd64',
            name: 'docker-io-library-golang-1-22-amd64',
            platforms: ['linux/amd64'],
          }),
          nodeBaseImage(),
        ],
      }),
    );
    const list = await screen.findByRole('list', { name: 'Base images' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('linux/amd64 only');
    expect(items[1]).not.toHaveTextContent('only');
  });

  it('shows the signature of the latest digest where a signing key is configured', async () => {
    await renderCard(
      imageStatus({
        baseImages: [
          nodeBaseImage({
            signatureMode: 'require',
            updates: [
              {
                digest: digests.nodeNew,
                firstSeen: fromNow(-2 * units.DAY),
                signature: {
                  state: 'invalid',
                  detail:
                    'The signature is not valid for this digest: it does not verify with the key "release".',
                },
              },
            ],
          }),
          nodeBaseImage({
            ref: 'docker.io/library/golang:1.22',
            name: 'docker-io-library-golang-1-22',
          }),
        ],
      }),
    );
    const list = await screen.findByRole('list', { name: 'Base images' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Bad signature');
    expect(items[1]).not.toHaveTextContent(/signature|Signed|Unsigned/i);
  });

  it("says what the newer digest fixes of the built digest's vulnerabilities", async () => {
    const scan = (ids: object) => ({
      state: 'reported' as const,
      detail: 'Scanned by trivy 0.58.1 on 2026-12-03.',
      ids,
    });
    await renderCard(
      imageStatus({
        baseImages: [
          nodeBaseImage({
            updates: [
              {
                digest: digests.nodeNew,
                firstSeen: fromNow(-2 * units.DAY),
                vulnerabilities: scan({}),
              },
              {
                digest: digests.nodeOld,
                firstSeen: fromNow(-40 * units.DAY),
                vulnerabilities: scan({ critical: ['CVE-2026-0001'] }),
              },
            ],
          }),
        ],
      }),
    );
    const list = await screen.findByRole('list', { name: 'Base images' });
    expect(within(list).getByText('fixes 1 critical')).toBeInTheDocument();
  });

  it('says an eligible image is eligible now and how it gets rebuilt', async () => {
    await renderCard(
      imageStatus({
        baseImages: [nodeBaseImage({ eligibleDigest: digests.nodeNew })],
        eligibility: {
          state: 'eligible',
          eligibleAt: fromNow(-units.HOUR),
          reasons: [],
        },
      }),
    );
    expect(await screen.findByText('Eligible now')).toBeInTheDocument();
    expect(screen.getByText('Update eligible')).toBeInTheDocument();
    expect(
      screen.getByText('It is rebuilt in the next eligibility cycle.'),
    ).toBeInTheDocument();
  });

  it('turns an overdue pending countdown into eligible now', async () => {
    await renderCard(
      imageStatus({
        eligibility: {
          state: 'pending',
          eligibleAt: fromNow(-units.MINUTE),
          reasons: [],
        },
      }),
    );
    expect(await screen.findByText('Eligible now')).toBeInTheDocument();
  });

  it('disables the rebuild buttons while a rebuild runs', async () => {
    await renderCard(
      imageStatus({
        eligibility: { state: 'rebuilding', reasons: [] },
        rebuilds: [
          {
            ...imageStatus().rebuilds[0],
            id: 'rb-2',
            status: 'running',
            conclusion: undefined,
            runUrl: 'https://github.com/acme/payments/actions/runs/202',
            requestedAt: fromNow(-10 * units.MINUTE),
          },
        ],
      }),
    );
    expect(await screen.findAllByText('Rebuilding')).not.toHaveLength(0);
    expect(screen.getByText('A rebuild is running.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rebuild' })).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Emergency rebuild' }),
    ).toBeDisabled();
    expect(screen.getByText('Running')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /View run/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/actions/runs/202',
    );
  });

  it('shows why the last rebuild failed', async () => {
    await renderCard(
      imageStatus({
        eligibility: {
          state: 'failed',
          reasons: [
            'workflow_dispatch answered 422: Workflow does not have a workflow_dispatch trigger',
          ],
        },
      }),
    );
    expect(
      await screen.findByText('The last rebuild failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Workflow does not have a workflow_dispatch trigger/),
    ).toBeInTheDocument();
  });

  it('explains that an image without a workflow is rebuilt by hand only', async () => {
    await renderCard(
      imageStatus({
        enrollment: { ...imageStatus().enrollment, workflow: null },
        eligibility: {
          state: 'blocked',
          reasons: ['no workflow: rebuilds are manual-only'],
        },
      }),
    );
    expect(await screen.findByText('Rebuilds are blocked')).toBeInTheDocument();
    expect(
      screen.getByText('no workflow: rebuilds are manual-only'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rebuild' })).toBeDisabled();
  });

  it('says an image without freight has no freight yet', async () => {
    await renderCard(
      imageStatus({
        baseImages: [
          nodeBaseImage({
            latestDigest: null,
            eligibleDigest: null,
            lastUpdated: null,
            updates: [],
          }),
        ],
        eligibility: { state: 'unknown', reasons: [] },
      }),
    );
    expect(await screen.findByText('Unknown')).toBeInTheDocument();
    expect(screen.getAllByText('No freight yet')).toHaveLength(3);
  });

  it('names the annotation of each enrollment error', async () => {
    await renderCard(
      imageStatus({
        enrollment: {
          ...imageStatus().enrollment,
          errors: [
            {
              annotation: 'image-factory.io/rebuild-delay',
              message: 'must look like 7d, 36h, 90m or 0, got "soon"',
            },
          ],
        },
      }),
    );
    expect(await screen.findByText('Invalid annotations')).toBeInTheDocument();
    expect(
      screen.getByText('image-factory.io/rebuild-delay'),
    ).toBeInTheDocument();
    expect(screen.getByText(/got "soon"/)).toBeInTheDocument();
  });

  it('shows a failed analysis with its error', async () => {
    await renderCard(
      imageStatus({
        analysis: {
          status: 'failed',
          analyzedAt: fromNow(-units.HOUR),
          error: 'Dockerfile not found at docker/Dockerfile',
          warnings: [],
        },
        baseImages: [],
        eligibility: { state: 'blocked', reasons: ['analysis failed'] },
      }),
    );
    expect(
      await screen.findByText('Dockerfile analysis failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Dockerfile not found at docker/Dockerfile'),
    ).toBeInTheDocument();
  });

  it('says plainly when the image has not been analysed yet', async () => {
    await renderCard(
      imageStatus({
        analysis: { status: 'pending', analyzedAt: null, warnings: [] },
        baseImages: [],
        eligibility: { state: 'unknown', reasons: [] },
      }),
    );
    expect(await screen.findByText(/Not analysed yet/)).toBeInTheDocument();
  });

  it('says plainly when the backend does not know the entity yet', async () => {
    const error = await responseError(404, {
      name: 'NotFoundError',
      message: 'component:default/payments is not enrolled',
    });
    await renderCard(Promise.reject(error));
    expect(await screen.findByText('Not analysed yet')).toBeInTheDocument();
  });

  it('shows a backend error in an error panel', async () => {
    const error = await responseError(500, {
      name: 'Error',
      message: 'database is locked',
    });
    await renderCard(Promise.reject(error));
    expect(await screen.findByText('database is locked')).toBeInTheDocument();
    expect(screen.getByText(/Request failed with 500/)).toBeInTheDocument();
  });

  it('shows progress while the status loads', async () => {
    await renderCard(new Promise<ImageStatus>(() => {}));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('offers the full pinned reference of the latest freight for copying', async () => {
    await renderCard(imageStatus());
    expect(
      await screen.findByRole('button', {
        name: `Copy docker.io/library/node:22-bookworm-slim@${digests.nodeNew}`,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(`sha256:${'b2'.repeat(6)}`)).toBeInTheDocument();
  });

  it('links the last rebuild to its run', async () => {
    await renderCard(imageStatus());
    const link = await screen.findByRole('link', { name: /View run/ });
    expect(link).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/actions/runs/101',
    );
    expect(screen.getByText('Succeeded')).toBeInTheDocument();
  });

  it('shows an external image as monitored and never rebuilt', async () => {
    await renderCard(
      imageStatus({
        kind: 'external',
        enrollment: {
          ...imageStatus().enrollment,
          image: 'docker.io/library/postgres:16',
          dockerfile: null,
          workflow: null,
        },
        baseImages: [],
        freight: [
          {
            tag: '16',
            digest: digests.distroless,
            firstSeen: fromNow(-units.DAY),
            source: 'registry',
          },
        ],
        eligibility: { state: 'up-to-date', reasons: [] },
        rebuilds: [],
      }),
    );
    expect(await screen.findByText(/never rebuilt/)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Rebuild' }),
    ).not.toBeInTheDocument();
  });

  it('has no serious accessibility violations', async () => {
    const { container } = await renderCard(imageStatus());
    await screen.findByText('Eligible in 3d 4h');
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});
