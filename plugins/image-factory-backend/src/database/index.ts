export { DatabaseImageFactoryStore } from './DatabaseImageFactoryStore';
export type { ImageFactoryStore } from './ImageFactoryStore';
export * from './types';
