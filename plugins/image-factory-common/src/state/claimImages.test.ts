import { claimImages } from './claimImages';
import { imageKey } from './indexState';
import { enroll, managedEntity } from './__testUtils__/testData';

const both = (name: string) =>
  enroll(
    managedEntity(name, { 'image-factory.io/image': 'ghcr.io/acme/payments' }),
  );

describe('claimImages', () => {
  it('keeps an image with the entity the state records, against a newcomer with a smaller name', () => {
    const claimed = claimImages(
      [both('aaa-newcomer'), both('payments')],
      new Map([
        [
          imageKey('managed', 'ghcr.io/acme/payments'),
          'component:default/payments',
        ],
      ]),
    );
    expect(
      claimed.owned.get(imageKey('managed', 'ghcr.io/acme/payments'))
        ?.entityRef,
    ).toBe('component:default/payments');
    expect(claimed.conflicts).toEqual([
      {
        entityRef: 'component:default/aaa-newcomer',
        image: 'ghcr.io/acme/payments',
        ownerEntityRef: 'component:default/payments',
        message:
          'ghcr.io/acme/payments is already enrolled by component:default/payments',
      },
    ]);
  });

  it('gives an image nobody recorded to the smallest entity ref', () => {
    const claimed = claimImages([both('zeta'), both('alpha')]);
    expect(claimed.conflicts.map(c => c.ownerEntityRef)).toEqual([
      'component:default/alpha',
    ]);
  });
});
