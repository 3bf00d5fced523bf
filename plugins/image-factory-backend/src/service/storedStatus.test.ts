import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  BaseImageDetail,
  ImageStatus,
} from '@image-factory/backstage-plugin-image-factory-common';
import {
  exampleBaseImage,
  exampleImageStatus,
} from '../__testUtils__/apiExamples';
import { checkAgainstSpec } from '../__testUtils__/specAnswers';
import { ImageFactoryStore } from '../database';
import { DefaultImageFactoryService } from './DefaultImageFactoryService';
import { readBaseImageDetail, readImageStatus } from './storedStatus';

const IMAGE_URL = '/images/default/component/payments';
const BASE_URL = '/base-images/docker-io-node-22';

// A status document as plugin versions before `updates` replaced a base
// image's `freight` stored it: freight newest first, updates oldest first,
// no tag or origin of the base image's own.
function legacyImageStatus(status: ImageStatus = exampleImageStatus()) {
  return {
    ...status,
    baseImages: status.baseImages.map(({ tag, source, updates, ...base }) => ({
      ...base,
      freight: updates.map(u => ({
        tag,
        digest: u.digest,
        firstSeen: u.firstSeen,
        source,
      })),
      updates: [...updates].reverse(),
    })),
  };
}

function legacyBaseImage(detail: BaseImageDetail = exampleBaseImage()) {
  return {
    ...detail,
    freight: detail.updates.map(u => ({
      tag: detail.tag,
      digest: u.digest,
      firstSeen: u.firstSeen,
      source: 'registry',
    })),
    updates: [...detail.updates].reverse(),
  };
}

describe('stored status documents', () => {
  it('are refused by the spec as documents before the change stored them', () => {
    expect(() =>
      checkAgainstSpec('GET', IMAGE_URL, {
        status: 200,
        body: legacyImageStatus(),
      }),
    ).toThrow(/must NOT have additional properties/);
    expect(() =>
      checkAgainstSpec('GET', BASE_URL, {
        status: 200,
        body: legacyBaseImage(),
      }),
    ).toThrow(/must NOT have unevaluated properties/);
  });

  it('answers an old image status as the pipeline writes it now: no freight, tag and origin from it, updates newest first', () => {
    const read = readImageStatus(legacyImageStatus(), 'kargo');
    // The origin the freight records say, not the configured one.
    expect(read).toEqual(exampleImageStatus());
    expect(() =>
      checkAgainstSpec('GET', IMAGE_URL, { status: 200, body: read }),
    ).not.toThrow();
  });

  it('takes the tag from the reference and the configured origin for an old base image without freight', () => {
    const fresh = exampleImageStatus({
      baseImages: [
        {
          ...exampleImageStatus().baseImages[0],
          latestDigest: null,
          latestRelevantDigest: null,
          lastUpdated: null,
          source: 'kargo',
          updates: [],
        },
      ],
    });
    const read = readImageStatus(legacyImageStatus(fresh), 'kargo');
    expect(read).toEqual(fresh);
    expect(read.baseImages[0].tag).toBe('22');
  });

  it('answers a current document as stored', () => {
    const status = exampleImageStatus();
    expect(readImageStatus(status, 'kargo')).toBe(status);
    const detail = exampleBaseImage();
    expect(readBaseImageDetail(detail)).toBe(detail);
  });

  it('answers an old base image document without freight, updates newest first', () => {
    const read = readBaseImageDetail(legacyBaseImage());
    expect(read).toEqual(exampleBaseImage());
    expect(() =>
      checkAgainstSpec('GET', BASE_URL, { status: 200, body: read }),
    ).not.toThrow();
  });

  it('is how the service reads the store', async () => {
    const store = {
      getImageStatus: async () => ({ status: legacyImageStatus() }),
      getBaseImageStatus: async () => ({ status: legacyBaseImage() }),
      listBaseImageStatuses: async () => ({
        items: [{ status: legacyBaseImage() }],
        totalCount: 1,
      }),
      listImageEntityRefs: async () => [],
    } as unknown as ImageFactoryStore;
    const service = DefaultImageFactoryService.create({
      store,
      runs: { request: jest.fn() },
      rebuilds: { request: jest.fn() },
      catalog: catalogServiceMock({ entities: [] }),
      freightSource: 'registry',
    });
    const credentials = mockCredentials.user();

    expect(await service.getImage('component:default/payments')).toEqual(
      exampleImageStatus(),
    );
    expect(
      await service.getBaseImage('docker-io-node-22', credentials),
    ).toEqual(exampleBaseImage());
    const list = await service.listBaseImages({}, credentials);
    expect(list.items[0]).not.toHaveProperty('freight');
    expect(() =>
      checkAgainstSpec('GET', '/base-images', { status: 200, body: list }),
    ).not.toThrow();
  });
});
