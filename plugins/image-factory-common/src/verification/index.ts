export type {
  BaseImageFacts,
  BuiltPlatformFacts,
  DigestFacts,
  ProvenanceMaterial,
} from './types';
export { judgeRebuildImage, unverifiableRebuild } from './judgeRebuildImage';
export { repositoryOfMaterial } from './repositoryOfMaterial';
