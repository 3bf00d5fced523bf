import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  BaseImageDetail,
  BaseImageList,
  DependencyGraph,
  ImageList,
  ImageListQuery,
  ImageStatus,
  RebuildRequest,
  RebuildResponse,
  PAGE_LIMITS,
  PageQuery,
  PipelineRun,
  RefreshSummary,
} from '@internal/plugin-image-factory-common';
import { ImageFactoryStore, PipelineRunRecord } from '../database';
import { buildDependencyGraph } from '../status/buildDependencyGraph';
import { ImageFactoryService } from './ImageFactoryService';

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
    private readonly rebuilds: RebuildRequester,
  ) {}

  static create(options: {
    store: ImageFactoryStore;
    runs: RunRequester;
    rebuilds: RebuildRequester;
  }): DefaultImageFactoryService {
    return new DefaultImageFactoryService(
      options.store,
      options.runs,
      options.rebuilds,
    );
  }

  async listImages(query: ImageListQuery): Promise<ImageList> {
    const { items, totalCount } = await this.store.listImageStatuses({
      ...query,
      offset: query.offset ?? 0,
      limit: query.limit ?? PAGE_LIMITS.images.default,
      order: query.order ?? 'staleness',
    });
    return {
      totalCount,
      emergencyRebuildCount: await this.store.countEmergencyRebuilds(),
      items: items.map(item => {
        const status = item.status as ImageStatus;
        return {
          entityRef: status.entityRef,
          kind: status.kind,
          image: status.enrollment.image,
          owner: status.owner,
          eligibility: {
            state: status.eligibility.state,
            ...(status.eligibility.eligibleAt
              ? { eligibleAt: status.eligibility.eligibleAt }
              : {}),
          },
          ...(item.staleSince ? { staleSince: item.staleSince } : {}),
          baseImageCount: status.baseImages.length,
          ...(status.rebuilds[0] ? { lastRebuild: status.rebuilds[0] } : {}),
        };
      }),
    };
  }

  async getImage(entityRef: string): Promise<ImageStatus> {
    const record = await this.store.getImageStatus(entityRef);
    if (!record) {
      throw new NotFoundError(
        `${entityRef} is not enrolled in the Image Factory, or has not been processed yet`,
      );
    }
    return record.status as ImageStatus;
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

  async listBaseImages(query: PageQuery): Promise<BaseImageList> {
    const { items, totalCount } = await this.store.listBaseImageStatuses({
      offset: query.offset ?? 0,
      limit: query.limit ?? PAGE_LIMITS.baseImages.default,
    });
    return {
      totalCount,
      items: items.map(record => {
        const {
          freight: _f,
          updates: _u,
          previousDigest: _p,
          firstDiscovered: _d,
          ...summary
        } = record.status as BaseImageDetail;
        return summary;
      }),
    };
  }

  async getBaseImage(name: string): Promise<BaseImageDetail> {
    const record = await this.store.getBaseImageStatus(name);
    if (!record) {
      throw new NotFoundError(`No base image named ${name}`);
    }
    return record.status as BaseImageDetail;
  }

  async getGraph(query: PageQuery): Promise<DependencyGraph> {
    const page = await this.store.listImageStatuses({
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
