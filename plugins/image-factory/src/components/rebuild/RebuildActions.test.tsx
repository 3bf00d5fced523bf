import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeImageFactoryApi } from '../../__testUtils__/fakeImageFactoryApi';
import {
  digests,
  fromNow,
  imageStatus,
  units,
} from '../../__testUtils__/fixtures';
import {
  permissionAnswered,
  recordingPermissionApi,
} from '../../__testUtils__/permissions';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import { seriousA11yViolations } from '../../__testUtils__/axe';
import { EntityImageFactoryCard } from '../EntityImageFactoryCard';
import {
  ImageStatus,
  shortDigest,
} from '@image-factory/backstage-plugin-image-factory-common';

// Each base image of a rebuild dialog's digest list, as read: reference,
// digest, when it was first seen.
function digestsListed(dialog: HTMLElement): string[] {
  return within(
    within(dialog).getByRole('list', {
      name: 'Digests the rebuild builds on',
    }),
  )
    .getAllByRole('listitem')
    .map(item => item.textContent ?? '');
}

describe('EntityImageFactoryCard rebuild actions', () => {
  const paymentsPath = {
    namespace: 'default',
    kind: 'component',
    name: 'payments',
  };

  async function renderWithPermissions(
    allowed: string[],
    extra: Parameters<typeof fakeImageFactoryApi>[0] = {},
    status: ImageStatus = imageStatus(),
  ) {
    const getImage = jest.fn(() => Promise.resolve(status));
    const api = fakeImageFactoryApi({ getImage, ...extra });
    const permissionApi = recordingPermissionApi(allowed);
    await renderWithEntity(<EntityImageFactoryCard />, { api, permissionApi });
    return { getImage, permissionApi };
  }

  const both = [
    'image-factory.rebuild.create',
    'image-factory.rebuild.emergency',
  ];

  it('hides both buttons from people without permission', async () => {
    await renderWithPermissions([]);
    expect(
      await screen.findByText(
        'You do not have permission to rebuild this image.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Rebuild' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Emergency rebuild' }),
    ).not.toBeInTheDocument();
  });

  it('asks the rebuild permissions on the image’s own entity', async () => {
    const { permissionApi } = await renderWithPermissions(both);
    await screen.findByRole('button', { name: 'Emergency rebuild' });
    expect(permissionApi.questions).toEqual(
      expect.arrayContaining([
        'image-factory.rebuild.create on component:default/payments',
        'image-factory.rebuild.emergency on component:default/payments',
      ]),
    );
  });

  it('offers only the ordinary rebuild without the emergency permission', async () => {
    const { permissionApi } = await renderWithPermissions([
      'image-factory.rebuild.create',
    ]);
    expect(
      await screen.findByRole('button', { name: 'Rebuild' }),
    ).toBeEnabled();
    await permissionAnswered(permissionApi, 'image-factory.rebuild.emergency');
    expect(
      screen.queryByRole('button', { name: 'Emergency rebuild' }),
    ).not.toBeInTheDocument();
  });

  it('rebuilds only after confirmation and then reloads the status', async () => {
    const rebuild = jest.fn(async () => ({
      rebuild: imageStatus().rebuilds[0],
    }));
    const { getImage } = await renderWithPermissions(both, {
      rebuildImage: rebuild,
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Rebuild' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Rebuild ghcr.io/acme/payments?',
    });
    expect(rebuild).not.toHaveBeenCalled();
    expect(within(dialog).getByText('build.yml')).toBeInTheDocument();
    // node's newer digest has not aged: the rebuild stays on the built one.
    expect(digestsListed(dialog)).toEqual([
      `docker.io/library/node:22-bookworm-slim${shortDigest(
        digests.nodeOld,
      )}, the digest it is built on now`,
      `gcr.io/distroless/base-debian12:latest${shortDigest(
        digests.distroless,
      )}, the digest it is built on now`,
    ]);

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rebuild' }),
    );

    await waitFor(() => expect(getImage).toHaveBeenCalledTimes(2));
    expect(rebuild).toHaveBeenCalledWith({ path: paymentsPath, body: {} });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('does not rebuild when the confirmation is cancelled', async () => {
    const rebuild = jest.fn();
    await renderWithPermissions(both, { rebuildImage: rebuild });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Rebuild' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Cancel',
      }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(rebuild).not.toHaveBeenCalled();
  });

  it('shows when an early rebuild becomes possible after a 409', async () => {
    const eligibleAt = fromNow(
      3 * units.DAY + 4 * units.HOUR + 30 * units.MINUTE,
    );
    const conflict = await responseError(409, {
      name: 'ConflictError',
      message: 'component:default/payments is not eligible yet',
      eligibleAt,
    });
    const rebuild = jest.fn(() => Promise.reject(conflict));
    await renderWithPermissions(both, { rebuildImage: rebuild });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Rebuild' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rebuild' }),
    );

    expect(
      await within(dialog).findByText(/Not eligible yet/),
    ).toHaveTextContent('(in 3d 4h)');
    expect(dialog.querySelector('time')).toHaveAttribute(
      'dateTime',
      eligibleAt,
    );
  });

  it('reads eligibleAt only where the contract puts it, under error', async () => {
    // RebuildConflictErrorBody (openapi.yaml) has `error.eligibleAt`; a field
    // at the top of the body is no part of it and is not read.
    const conflict = await responseError(
      409,
      { name: 'ConflictError', message: 'not eligible yet' },
      { eligibleAt: fromNow(2 * units.DAY + 30 * units.MINUTE) },
    );
    await renderWithPermissions(both, {
      rebuildImage: () => Promise.reject(conflict),
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Rebuild' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rebuild' }),
    );

    expect(
      await within(dialog).findByText(
        'The rebuild was not triggered: not eligible yet',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByText(/Not eligible yet/)).toBeNull();
  });

  it('shows any other refusal with the backend message', async () => {
    const forbidden = await responseError(403, {
      name: 'NotAllowedError',
      message: 'Unauthorized',
    });
    await renderWithPermissions(both, {
      rebuildImage: () => Promise.reject(forbidden),
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Rebuild' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rebuild' }),
    );

    expect(
      await within(dialog).findByText(
        'The rebuild was not triggered: Unauthorized',
      ),
    ).toBeInTheDocument();
  });

  it('refuses a short emergency justification before sending anything', async () => {
    const rebuild = jest.fn();
    await renderWithPermissions(both, { rebuildImage: rebuild });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Emergency rebuild' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/The cooling-off delay of 7d keeps/),
    ).toHaveTextContent(/broken or compromised base image release/);
    // Bypassing the delay, node goes to its newest digest, seen 2 days ago.
    expect(digestsListed(dialog)).toEqual([
      `docker.io/library/node:22-bookworm-slim${shortDigest(
        digests.nodeNew,
      )}, first seen 2d ago`,
      `gcr.io/distroless/base-debian12:latest${shortDigest(
        digests.distroless,
      )}, the digest it is built on now`,
    ]);
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Justification/ }),
      '  CVE fix   ',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Trigger emergency rebuild' }),
    );

    expect(
      within(dialog).getByText(
        'An emergency rebuild needs a justification of at least 20 characters (7 characters so far).',
      ),
    ).toBeInTheDocument();
    expect(rebuild).not.toHaveBeenCalled();
  });

  it('sends an emergency rebuild with its trimmed justification', async () => {
    const rebuild = jest.fn(async () => ({
      rebuild: imageStatus().rebuilds[0],
    }));
    await renderWithPermissions(both, { rebuildImage: rebuild });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Emergency rebuild' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Justification/ }),
    );
    await userEvent.paste(' CVE-2024-6387 regreSSHion in openssh, exploited ');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Trigger emergency rebuild' }),
    );

    await waitFor(() =>
      expect(rebuild).toHaveBeenCalledWith({
        path: paymentsPath,
        body: {
          emergency: true,
          justification: 'CVE-2024-6387 regreSSHion in openssh, exploited',
        },
      }),
    );
  });

  it('has no serious accessibility violations in the emergency dialog', async () => {
    await renderWithPermissions(both);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Emergency rebuild' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(await seriousA11yViolations(dialog)).toEqual([]);
  });
});
