import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { rootRouteRef } from '../../routes';
import { BaseImageLink } from './BaseImageLink';

const ref = 'docker.io/library/node:22-bookworm-slim';
const name = 'docker-io-library-node-22-bookworm-slim';

describe('BaseImageLink', () => {
  it('links a base image to its page below the fleet page', async () => {
    await renderInTestApp(<BaseImageLink name={name} imageRef={ref} />, {
      mountedRoutes: { '/tools/images': rootRouteRef },
    });
    expect(screen.getByRole('link', { name: ref })).toHaveAttribute(
      'href',
      `/tools/images/base-images/${name}`,
    );
  });

  it('shows the reference as text where the app has no fleet page', async () => {
    await renderInTestApp(<BaseImageLink name={name} imageRef={ref} />);
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByText(/library\/node/)).toBeInTheDocument();
  });
});
