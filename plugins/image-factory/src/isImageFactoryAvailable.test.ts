import { Entity } from '@backstage/catalog-model';
import { isImageFactoryAvailable } from './isImageFactoryAvailable';

function component(annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', annotations },
    spec: {},
  };
}

describe('isImageFactoryAvailable', () => {
  it('is true for a managed image', () => {
    expect(
      isImageFactoryAvailable(
        component({ 'image-factory.io/image': 'ghcr.io/acme/payments' }),
      ),
    ).toBe(true);
  });

  it('is true for an external image', () => {
    expect(
      isImageFactoryAvailable(
        component({
          'image-factory.io/external-image': 'docker.io/library/postgres:16',
        }),
      ),
    ).toBe(true);
  });

  it('is false without the enrolling annotations', () => {
    expect(isImageFactoryAvailable(component())).toBe(false);
    expect(
      isImageFactoryAvailable(
        component({ 'image-factory.io/dockerfile': 'Dockerfile' }),
      ),
    ).toBe(false);
  });

  it('is false when the annotation is blank', () => {
    expect(
      isImageFactoryAvailable(component({ 'image-factory.io/image': '  ' })),
    ).toBe(false);
  });
});
