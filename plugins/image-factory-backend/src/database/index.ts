export { DatabaseImageFactoryStore } from './DatabaseImageFactoryStore';
export type {
  CreateRebuildResult,
  ImageFactoryStore,
  ListImageStatusesOptions,
} from './ImageFactoryStore';
export * from './types';
