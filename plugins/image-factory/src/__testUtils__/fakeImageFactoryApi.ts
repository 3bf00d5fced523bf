import { ImageFactoryApi } from '../api';

/**
 * An {@link ImageFactoryApi} for component tests: every method not given
 * rejects, so a test notices a call it did not expect.
 */
export function fakeImageFactoryApi(
  methods: Partial<ImageFactoryApi> = {},
): ImageFactoryApi {
  const unexpected = (name: string) => () =>
    Promise.reject(new Error(`unexpected call of ${name}`));
  return {
    listImages: unexpected('listImages'),
    getImage: unexpected('getImage'),
    analyze: unexpected('analyze'),
    rebuild: unexpected('rebuild'),
    listBaseImages: unexpected('listBaseImages'),
    getBaseImage: unexpected('getBaseImage'),
    getGraph: unexpected('getGraph'),
    refresh: unexpected('refresh'),
    ...methods,
  };
}
