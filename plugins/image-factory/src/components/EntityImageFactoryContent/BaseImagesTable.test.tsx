import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  digests,
  imageStatus,
  nodeBaseImage,
} from '../../__testUtils__/fixtures';
import { BaseImagesTable } from './BaseImagesTable';
import { collectFreightEvents } from './collectFreightEvents';

// node:22's index moved to nodeNew, but only for linux/arm64: the image,
// built for linux/amd64 on nodeOld, is up to date.
const note = `The index moved to ${digests.nodeNew.slice(
  0,
  19,
)} on 2026-03-02 08:00 UTC; linux/amd64 is unchanged.`;
const baseImage = nodeBaseImage({
  latestRelevantDigest: digests.nodeOld,
  platformNote: note,
});

describe('BaseImagesTable', () => {
  it("shows a base image's platform note in its row, which stays up to date", async () => {
    await renderInTestApp(
      <BaseImagesTable baseImages={[baseImage]} now={Date.now()} />,
    );
    const row = screen
      .getByText('docker.io/library/node:22-bookworm-slim')
      .closest('tr')!;
    const cells = within(row as HTMLElement).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent(note);
    expect(cells[1]).toHaveTextContent('Up to date');
  });

  it('names the image that builds an internal base image, and says when its newest digest skips the delay', async () => {
    const top = (delay?: string) =>
      nodeBaseImage({
        ref: 'ghcr.io/acme/top:1',
        name: 'ghcr-io-acme-top-1',
        builtBy: 'component:default/top',
        ...(delay !== undefined && { delay }),
      });
    const mountedRoutes = {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    };
    const { unmount } = await renderInTestApp(
      <BaseImagesTable baseImages={[top('0')]} now={Date.now()} />,
      mountedRoutes,
    );
    const cell = screen.getByText('ghcr.io/acme/top:1').closest('td')!;
    expect(cell).toHaveTextContent(
      'Built by top, which is rebuilt first; its newest digest came from a rebuild, so it is trusted at once.',
    );
    expect(
      within(cell as HTMLElement).getByRole('link', { name: 'top' }),
    ).toHaveAttribute('href', '/catalog/default/component/top');
    unmount();

    await renderInTestApp(
      <BaseImagesTable baseImages={[top()]} now={Date.now()} />,
      mountedRoutes,
    );
    expect(
      screen.getByText('ghcr.io/acme/top:1').closest('td'),
    ).toHaveTextContent(
      /^ghcr\.io\/acme\/top:1\s*Built by top, which is rebuilt first\.$/,
    );
  });

  it('names the platforms of a base image only some platforms use, and none for the others', async () => {
    const golang = nodeBaseImage({
      ref: 'docker.io/library/golang:1.22-arm64',
      name: 'docker-io-library-golang-1-22-arm64',
      platforms: ['linux/arm64'],
    });
    await renderInTestApp(
      <BaseImagesTable baseImages={[golang, baseImage]} now={Date.now()} />,
    );
    const cellOf = (ref: string) =>
      within(screen.getByText(ref).closest('tr') as HTMLElement).getAllByRole(
        'cell',
      )[0];
    expect(cellOf('docker.io/library/golang:1.22-arm64')).toHaveTextContent(
      'linux/arm64 only',
    );
    expect(
      cellOf('docker.io/library/node:22-bookworm-slim'),
    ).not.toHaveTextContent('only');
  });

  it('does not mark an index that moved for other platforms as waiting for the delay', () => {
    const events = collectFreightEvents(
      imageStatus({ baseImages: [baseImage] }),
    );
    expect(events.map(e => [e.digest, e.marks])).toEqual([
      [digests.nodeNew, []],
      [digests.nodeOld, ['built on']],
    ]);
  });
});
