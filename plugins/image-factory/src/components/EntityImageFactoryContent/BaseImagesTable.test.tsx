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
