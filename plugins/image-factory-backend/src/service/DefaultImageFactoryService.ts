import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { readEnrolledEntities } from '../enrollment/readEnrolledEntities';
import { NotFoundError } from '@backstage/errors';
import {
  BaseImageDetail,
  BaseImageList,
  DependencyGraph,
  FreightOrigin,
  ImageList,
  GraphQuery,
  ImageListQuery,
  ImageStatus,
  RebuildRequest,
  RebuildResponse,
  PAGE_LIMITS,
  PageQuery,
  PipelineRun,
  RefreshSummary,
  buildDependencyGraph,
  toImageListItem,
} from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryStore, PipelineRunRecord } from '../database';
import { imageNotFound, ImageFactoryService } from './ImageFactoryService';
import { readBaseImageDetail, readImageStatus } from './storedStatus';

/** Runs are queued through this; see `pipeline/RunCoordinator`. */
export interface RunRequester {
  request(options?: {
    forceAnalysis?: readonly string[];
  }): Promise<PipelineRunRecord>;
}

/** Rebuilds are requested through this; see `rebuilds/RebuildService`. */
export interface RebuildRequester {
  request(options: {
    status: ImageStatus;
    request: RebuildRequest;
    credentials: BackstageCredentials;
  }): Promise<RebuildResponse>;
}

/**
 * The API's service: reads answer from the database the pipeline fills; the
 * actions queue a pipeline run or ask for a rebuild.
 */
export class DefaultImageFactoryService implements ImageFactoryService {
  private constructor(
    private readonly store: ImageFactoryStore,
    private readonly runs: RunRequester,
    private readonly catalog: CatalogService,
    private readonly rebuilds: RebuildRequester,
    private readonly freightSource: FreightOrigin,
  ) {}

  static create(options: {
    store: ImageFactoryStore;
    runs: RunRequester;
    rebuilds: RebuildRequester;
    /** The catalog, asked with the caller's credentials who may see what. */
    catalog: CatalogService;
    /**
     * `imageFactory.freightSource.type`: the origin of a base image stored
     * before base images had one and without freight to take it from.
     */
    freightSource: FreightOrigin;
  }): DefaultImageFactoryService {
    return new DefaultImageFactoryService(
      options.store,
      options.runs,
      options.catalog,
      options.rebuilds,
      options.freightSource,
    );
  }

  async listImages(
    query: ImageListQuery,
    credentials: BackstageCredentials,
  ): Promise<ImageList> {
    const { baseImage, ...filters } = query;
    // Independent reads at once: the database answers while the catalog's
    // answer is read.
    const [hidden, entityRefs, emergencyRebuildCount] = await Promise.all([
      this.hiddenFrom(credentials),
      baseImage === undefined ? undefined : this.dependentsOf(baseImage),
      this.store.countEmergencyRebuilds(),
    ]);
    const { items, totalCount } = await this.store.listImageStatuses({
      ...filters,
      entityRefs,
      hidden: [...hidden],
      offset: query.offset ?? 0,
      limit: query.limit ?? PAGE_LIMITS.images.default,
      order: query.order ?? 'staleness',
    });
    return {
      totalCount,
      emergencyRebuildCount,
      items: items.map(item =>
        toImageListItem(item.status as ImageStatus, item),
      ),
    };
  }

  // The entities built on a base image; none for an unknown name, as a
  // filter that matches nothing.
  private async dependentsOf(name: string): Promise<string[]> {
    const record = await this.store.getBaseImageStatus(name);
    return record ? readBaseImageDetail(record.status).dependents : [];
  }

  async getImage(entityRef: string): Promise<ImageStatus> {
    const record = await this.store.getImageStatus(entityRef);
    if (!record) {
      throw imageNotFound(entityRef);
    }
    return readImageStatus(record.status, this.freightSource);
  }

  // The enrolled images whose entity the caller may not read in the catalog:
  // the catalog answers with the caller's credentials and its own policy.
  private async hiddenFrom(
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const [readable, enrolled] = await Promise.all([
      readEnrolledEntities({
        catalog: this.catalog,
        credentials,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      }),
      this.store.listImageEntityRefs(),
    ]);
    const visible = new Set(
      readable.map(entity => lowerRef(stringifyEntityRef(entity))),
    );
    return new Set(enrolled.filter(ref => !visible.has(lowerRef(ref))));
  }

  async isVisible(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    return entity !== undefined;
  }

  async analyze(entityRef: string): Promise<PipelineRun> {
    await this.getImage(entityRef);
    return toApiRun(await this.runs.request({ forceAnalysis: [entityRef] }));
  }

  async rebuild(options: {
    entityRef: string;
    request: RebuildRequest;
    credentials: BackstageCredentials;
  }): Promise<RebuildResponse> {
    const status = await this.getImage(options.entityRef);
    return this.rebuilds.request({ ...options, status });
  }

  async listBaseImages(
    query: PageQuery,
    credentials: BackstageCredentials,
  ): Promise<BaseImageList> {
    const { items, totalCount } = await this.store.listBaseImageStatuses({
      offset: query.offset ?? 0,
      limit: query.limit ?? PAGE_LIMITS.baseImages.default,
    });
    const hidden = await this.hiddenFrom(credentials);
    return {
      totalCount,
      items: items.map(record => {
        const {
          updates: _u,
          previousDigest: _p,
          firstDiscovered: _d,
          links: _l,
          paths: _f,
          ...summary
        } = withoutHidden(readBaseImageDetail(record.status), hidden);
        return summary;
      }),
    };
  }

  async getBaseImage(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<BaseImageDetail> {
    const record = await this.store.getBaseImageStatus(name);
    if (!record) {
      throw new NotFoundError(`No base image named ${name}`);
    }
    return withoutHidden(
      readBaseImageDetail(record.status),
      await this.hiddenFrom(credentials),
    );
  }

  async getGraph(
    query: GraphQuery,
    credentials: BackstageCredentials,
  ): Promise<DependencyGraph> {
    const page = await this.store.listImageStatuses({
      state: query.state,
      owner: query.owner,
      search: query.search,
      hidden: [...(await this.hiddenFrom(credentials))],
      offset: query.offset ?? 0,
      limit: query.limit ?? PAGE_LIMITS.graph.default,
      order: 'name',
    });
    const images = page.items.map(i => i.status as ImageStatus);
    const bases = await this.store.getBaseImageStatuses([
      ...new Set(images.flatMap(image => image.baseImages.map(b => b.name))),
    ]);
    return {
      ...buildDependencyGraph(
        images,
        bases.map(b => b.status as BaseImageDetail),
      ),
      totalImageCount: page.totalCount,
    };
  }

  async refresh(): Promise<PipelineRun> {
    return toApiRun(await this.runs.request());
  }

  async getRun(id: string): Promise<PipelineRun> {
    const run = await this.store.getRun(id);
    if (!run) {
      throw new NotFoundError(`No pipeline run with id ${id}`);
    }
    return toApiRun(run);
  }
}

// The stored record less what the API does not show: which entities a queued run
// analyses again is the business of the people who asked.
function toApiRun(run: PipelineRunRecord): PipelineRun {
  return {
    id: run.id,
    status: run.status,
    queuedAt: run.queuedAt,
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(run.summary ? { summary: run.summary as RefreshSummary } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

// A base image with only the dependents the caller may see.
function withoutHidden(
  detail: BaseImageDetail,
  hidden: ReadonlySet<string>,
): BaseImageDetail {
  return hidden.size === 0
    ? detail
    : {
        ...detail,
        dependents: detail.dependents.filter(ref => !hidden.has(ref)),
      };
}

// The catalog compares entity refs without regard to case; the store keeps the
// name's case as the entity has it.
function lowerRef(ref: string): string {
  // Entity refs are ASCII (the catalog's rules for kinds, namespaces and
  // names), where this is the locale-aware lower case, without its cost.
  return ref.toLowerCase();
}
