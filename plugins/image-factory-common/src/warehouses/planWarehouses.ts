import { parseImageReference } from '../references';
import type { ManagedImageState, StateTree } from '../state/types';
import { warehouseInterval } from './formatKargoInterval';
import { DEFAULT_WAREHOUSE_OPTIONS } from './warehouseDefaults';
import { parseGitSource } from './parseGitSource';
import type {
  KargoWarehouse,
  UnmonitorableImage,
  WarehouseOptions,
  WarehousePlan,
  WarehouseSubscription,
} from './types';
import { compareText } from '../state/compareText';
import { WAREHOUSE_ANNOTATIONS } from '../enrollment/annotations';

/** Label on every generated Warehouse. */
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'image-factory' };

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

function warehouse(
  name: string,
  image: string,
  entities: Iterable<string>,
  interval: string,
  subscriptions: WarehouseSubscription[],
  options: WarehouseOptions,
): KargoWarehouse {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Warehouse',
    metadata: {
      name,
      namespace: options.namespace ?? DEFAULT_WAREHOUSE_OPTIONS.namespace,
      labels: { ...MANAGED_BY },
      annotations: {
        [WAREHOUSE_ANNOTATIONS.entities]: sortedUnique(entities).join(','),
        [WAREHOUSE_ANNOTATIONS.image]: image,
      },
    },
    spec: { interval, subscriptions },
  };
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function managedWarehouse(
  image: ManagedImageState,
  options: WarehouseOptions,
): KargoWarehouse {
  const ref = parseImageReference(image.image);
  const subscriptions: WarehouseSubscription[] = [
    {
      image: {
        repoURL: image.image,
        ...(options.managedImageSelection ??
          DEFAULT_WAREHOUSE_OPTIONS.managedImageSelection),
      },
    },
  ];
  const git =
    image.source.location && image.source.gitUnmonitorable === undefined
      ? parseGitSource(image.source.location)
      : undefined;
  if (git) {
    const folder = [git.path, folderOf(image.source.dockerfile)]
      .filter(Boolean)
      .join('/');
    subscriptions.push({
      git: {
        repoURL: git.repoURL,
        ...(git.branch !== null && { branch: git.branch }),
        ...(folder && { includePaths: [folder] }),
      },
    });
  }
  const entities = [
    image.entityRef,
    ...image.published.flatMap(p => p.dependents),
  ];
  return warehouse(
    image.name,
    image.image,
    entities,
    warehouseInterval(ref.registry, options),
    subscriptions,
    options,
  );
}

interface Watched {
  name: string;
  registry: string;
  repository: string;
  tag: string | null;
  unmonitorable?: string;
  entities: string[];
}

/**
 * The Kargo Warehouses that monitor a state tree (docs/state-files.md,
 * "Warehouse manifests"): one per distinct repository and tag of the base
 * images and external images, however many images use it, watching the tag by
 * digest (`imageSelectionStrategy: Digest`, `constraint: <tag>`); and one per
 * managed image, watching its own repository (`SemVer` unless
 * `managedImageSelection` says otherwise) plus, when the source location is a
 * git URL, the Dockerfile's folder in git. References pinned to a digest
 * without a tag, and references and images the state marks `unmonitorable`
 * (their registry is not allowed), are listed as unmonitorable; a source
 * location marked `gitUnmonitorable` gets no git subscription. Archived images
 * get no Warehouse.
 *
 * @public
 */
export function planWarehouses(
  state: StateTree,
  options: WarehouseOptions = {},
): WarehousePlan {
  const watched = new Map<string, Watched>();
  const watch = (
    image: Omit<Watched, 'entities'> & { ref: string },
    entities: string[],
  ) => {
    const existing = watched.get(image.ref);
    if (existing) {
      existing.entities.push(...entities);
      // Base and external images of one reference share a name; keep the
      // smaller if a hand-edited tree disagrees, so the result is stable.
      existing.name =
        compareText(existing.name, image.name) <= 0
          ? existing.name
          : image.name;
    } else {
      watched.set(image.ref, { ...image, entities: [...entities] });
    }
  };
  for (const base of state.baseImages) {
    watch(base, base.dependents);
  }
  for (const image of state.images) {
    if (image.kind === 'external') {
      watch({ ...image.monitored, name: image.name }, [image.entityRef]);
    }
  }

  const warehouses: KargoWarehouse[] = [];
  const unmonitorable: UnmonitorableImage[] = [];
  for (const [ref, image] of watched) {
    if (image.unmonitorable !== undefined) {
      unmonitorable.push({
        ref,
        entities: sortedUnique(image.entities),
        reason: image.unmonitorable,
      });
      continue;
    }
    if (image.tag === null) {
      unmonitorable.push({
        ref,
        entities: sortedUnique(image.entities),
        reason:
          'pinned to a digest without a tag: there is no tag to watch for new digests',
      });
      continue;
    }
    warehouses.push(
      warehouse(
        image.name,
        ref,
        image.entities,
        warehouseInterval(image.registry, options),
        [
          {
            image: {
              repoURL: `${image.registry}/${image.repository}`,
              imageSelectionStrategy: 'Digest',
              constraint: image.tag,
            },
          },
        ],
        options,
      ),
    );
  }
  for (const image of state.images) {
    if (image.kind === 'managed' && image.unmonitorable !== undefined) {
      unmonitorable.push({
        ref: image.image,
        entities: [image.entityRef],
        reason: image.unmonitorable,
      });
    } else if (image.kind === 'managed') {
      warehouses.push(managedWarehouse(image, options));
    }
  }
  warehouses.sort((a, b) => compareText(a.metadata.name, b.metadata.name));
  unmonitorable.sort((a, b) => compareText(a.ref, b.ref));
  return { warehouses, unmonitorable };
}
