import { sortRecord } from '../state/formatYamlFile';
import { formatStateFile, type StateFileMemo } from '../state/StateFileMemo';
import type { StateTree } from '../state/types';
import { planWarehouses } from './planWarehouses';
import type {
  KargoWarehouse,
  WarehouseOptions,
  WarehouseSubscription,
} from './types';

/**
 * Path of a Warehouse manifest relative to the state repository's base path.
 *
 * @public
 */
export function warehousePath(name: string): string {
  return `manifests/warehouses/${name}.yaml`;
}

/**
 * Path of the Kustomization listing every Warehouse.
 *
 * @public
 */
export const KUSTOMIZATION_PATH = 'manifests/kustomization.yaml';

const INSTEAD =
  'the Image Factory regenerates it from state/ on every run (yarn image-factory synth does the same locally).';

// Fixed key order, so bytes depend only on content.
function subscriptionDocument(subscription: WarehouseSubscription) {
  if ('image' in subscription) {
    const image = subscription.image;
    return {
      image: {
        repoURL: image.repoURL,
        imageSelectionStrategy: image.imageSelectionStrategy,
        ...(image.constraint !== undefined && { constraint: image.constraint }),
        ...(image.allowTagsRegexes && {
          allowTagsRegexes: image.allowTagsRegexes,
        }),
        ...(image.ignoreTagsRegexes && {
          ignoreTagsRegexes: image.ignoreTagsRegexes,
        }),
      },
    };
  }
  const git = subscription.git;
  return {
    git: {
      repoURL: git.repoURL,
      ...(git.branch !== undefined && { branch: git.branch }),
      ...(git.includePaths && { includePaths: git.includePaths }),
    },
  };
}

function warehouseDocument(warehouse: KargoWarehouse) {
  return {
    apiVersion: warehouse.apiVersion,
    kind: warehouse.kind,
    metadata: {
      name: warehouse.metadata.name,
      namespace: warehouse.metadata.namespace,
      labels: sortRecord(warehouse.metadata.labels),
      annotations: sortRecord(warehouse.metadata.annotations),
    },
    spec: {
      interval: warehouse.spec.interval,
      subscriptions: warehouse.spec.subscriptions.map(subscriptionDocument),
    },
  };
}

/**
 * The `manifests/` part of the state repository: one file per Warehouse of
 * {@link planWarehouses} and `manifests/kustomization.yaml` listing them all, so
 * `kubectl apply -k manifests/` applies them.
 *
 * @param memo - what an earlier call rendered (see {@link StateFileMemo}).
 * @returns path to file content, paths relative to the state repository's base path.
 * @public
 */
export function renderManifests(
  state: StateTree,
  options: WarehouseOptions = {},
  memo?: StateFileMemo,
): Map<string, string> {
  const files = new Map<string, string>();
  const { warehouses } = planWarehouses(state, options);
  for (const warehouse of warehouses) {
    const path = warehousePath(warehouse.metadata.name);
    files.set(
      path,
      formatStateFile(
        memo,
        path,
        'Kargo Warehouse',
        INSTEAD,
        warehouseDocument(warehouse),
      ),
    );
  }
  files.set(
    KUSTOMIZATION_PATH,
    formatStateFile(
      memo,
      KUSTOMIZATION_PATH,
      'Kustomization of the Kargo Warehouses',
      INSTEAD,
      {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: warehouses.map(w => `warehouses/${w.metadata.name}.yaml`),
      },
    ),
  );
  return files;
}
