import { STATE_SETTINGS_PATH } from '@image-factory/backstage-plugin-image-factory-common';
import { validateStatePaths } from './validateStatePaths';

describe('validateStatePaths', () => {
  it('accepts the state files, the settings file and the manifests', () => {
    expect(() =>
      validateStatePaths([
        STATE_SETTINGS_PATH,
        'state/images/payments.yaml',
        'state/base-images/node-22.yaml',
        'state/_archive/images/web.yaml',
        'manifests/kustomization.yaml',
        'manifests/warehouses/node-22.yaml',
      ]),
    ).not.toThrow();
  });

  it.each([
    'README.md',
    'other/_settings.yaml',
    'state/../_settings.yaml',
    'state/my settings.yaml',
    'state',
  ])('refuses %s', path => {
    expect(() => validateStatePaths([path])).toThrow(
      /must be below state\/ or manifests\//,
    );
  });
});
