export type {
  ImageSelectionStrategy,
  ImageSubscription,
  GitSubscription,
  WarehouseSubscription,
  KargoWarehouse,
  WarehouseOptions,
  UnmonitorableImage,
  WarehousePlan,
} from './types';
export { parseGitSource, type GitSource } from './parseGitSource';
export { formatKargoInterval, warehouseInterval } from './formatKargoInterval';
export { planWarehouses } from './planWarehouses';
export { DEFAULT_WAREHOUSE_OPTIONS } from './warehouseDefaults';
export {
  renderManifests,
  warehousePath,
  KUSTOMIZATION_PATH,
} from './renderManifests';
