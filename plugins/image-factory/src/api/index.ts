export { imageFactoryApiRef } from './ImageFactoryApi';
export type { ImageFactoryApi } from './ImageFactoryApi';
