import type { ImageKind } from '../api';
import { monitorKey, parseStateRef, repositoryKey } from './imageKeys';
import type { BaseImageState, ImageState, StateTree } from './types';

/** Where a state object was found in the previous tree. */
export interface Found<T> {
  value: T;
  archived: boolean;
}

/** The previous state tree, looked up by reference. */
export interface StateIndex {
  /** Images by image key (see {@link imageKey}); active before archived. */
  images: Map<string, Found<ImageState>>;
  /** Base images and published tags by monitored reference; active before archived. */
  records: Map<string, Found<BaseImageState>>;
  /** The name each key already has in the state repository. */
  names: Map<string, string>;
}

/**
 * The key of an image: the repository of a managed image
 * (`ghcr.io/acme/payments`), the monitored reference of an external image
 * (`docker.io/library/postgres:16`). Keys share one name space with base
 * images, so an external image and a base image of one reference share a name
 * (and a Warehouse).
 */
export function imageKey(kind: ImageKind, image: string): string {
  const ref = parseStateRef(image);
  return kind === 'managed' ? repositoryKey(ref) : monitorKey(ref);
}

function keyOf(image: ImageState): string | undefined {
  try {
    return imageKey(image.kind, image.image);
  } catch {
    return undefined;
  }
}

function remember(names: Map<string, string>, key: string, name: string) {
  const known = names.get(key);
  // Two names for one key only come from hand edits; the smaller is stable.
  if (known === undefined || name < known) {
    names.set(key, name);
  }
}

/** Indexes a state tree for the merge. First found wins: active, then archived. */
export function indexState(tree: StateTree): StateIndex {
  const index: StateIndex = {
    images: new Map(),
    records: new Map(),
    names: new Map(),
  };
  const addRecord = (record: BaseImageState, archived: boolean) => {
    if (!index.records.has(record.ref)) {
      index.records.set(record.ref, { value: record, archived });
    }
    remember(index.names, record.ref, record.name);
  };
  const addImage = (image: ImageState, archived: boolean) => {
    const key = keyOf(image);
    if (key === undefined) {
      return;
    }
    if (!index.images.has(key)) {
      index.images.set(key, { value: image, archived });
    }
    remember(index.names, key, image.name);
    if (image.kind === 'managed') {
      image.published.forEach(record => addRecord(record, archived));
    } else {
      remember(index.names, image.monitored.ref, image.name);
    }
  };
  tree.baseImages.forEach(record => addRecord(record, false));
  tree.images.forEach(image => addImage(image, false));
  tree.archive.baseImages.forEach(record => addRecord(record, true));
  tree.archive.images.forEach(image => addImage(image, true));
  return index;
}
