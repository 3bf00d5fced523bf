import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Enrollment,
  keepInvalidStateFiles,
  mergeState,
  parseEnrollment,
  parseStateTree,
  RefreshSummary,
  renderStateTree,
  WarehouseOptions,
} from '@internal/plugin-image-factory-common';
import { DockerfileReader } from '../analysis/DockerfileReader';
import { ImageFactoryConfig } from '../config/readImageFactoryConfig';
import { ImageFactoryStore } from '../database';
import { FreightSource } from '../discovery';
import {
  markUnmonitorable,
  MonitoringPolicy,
} from '../discovery/markUnmonitorable';
import {
  checkRebuildTarget,
  RebuildTargetPolicy,
} from '../enrollment/checkRebuildTarget';
import { ownerOf } from '../enrollment/ownerOf';
import { readEnrolledEntities } from '../enrollment/readEnrolledEntities';
import { StateRepository } from '../git';
import { RebuildService } from '../rebuilds/RebuildService';
import { syncRebuildHistory } from '../rebuilds/syncRebuildHistory';
import { analyzeEnrollments } from './analyzeEnrollments';
import { describeCommit } from './describeCommit';
import { discoverFreight } from './discoverFreight';
import { publishStatuses } from './publishStatuses';

/** Options for {@link Pipeline.create}. */
export interface PipelineOptions {
  config: ImageFactoryConfig;
  catalog: CatalogService;
  auth: AuthService;
  store: ImageFactoryStore;
  stateRepository: StateRepository;
  dockerfiles: DockerfileReader;
  rebuilds: RebuildService;
  freightSource: FreightSource;
  minIntervalFor: (registry: string) => number;
  /** What the configuration lets a Warehouse watch. */
  monitoring: MonitoringPolicy;
  /** Where rebuilds may be sent. */
  rebuildTargets: RebuildTargetPolicy;
  warehouses: WarehouseOptions;
  logger: LoggerService;
  /** The clock; tests move it. */
  now?: () => Date;
}

/**
 * One run of the Image Factory: enrollment → analysis → state merge → freight
 * discovery → one commit to the state repository → status in the database.
 * Runs in this process are serialized; across replicas the scheduler's global lock
 * and the state repository's push retry keep runs apart. Every step is idempotent:
 * a run cut short is repaired by the next.
 */
export class Pipeline {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: PipelineOptions) {}

  static create(options: PipelineOptions): Pipeline {
    return new Pipeline(options);
  }

  /** Runs the pipeline (after any run in progress here finishes). */
  run(request: { forceAnalysis?: string[] } = {}): Promise<RefreshSummary> {
    const next = this.queue.then(() => this.runOnce(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runOnce(request: {
    forceAnalysis?: string[];
  }): Promise<RefreshSummary> {
    const { store, logger } = this.options;
    const now = this.options.now?.() ?? new Date();
    const run = await store.startRun();
    try {
      const summary = await this.steps(now, new Set(request.forceAnalysis));
      await store.finishRun(run.id, { summary });
      logger.info(
        `Image Factory run: ${summary.analyzed} analysed, ${
          summary.checked
        } tags checked, ${summary.newFreight} new freight, commit ${
          summary.commit ?? 'none'
        }, ${summary.errors.length} errors`,
      );
      return summary;
    } catch (error) {
      await store.finishRun(run.id, { error: (error as Error).message });
      throw error;
    }
  }

  private async steps(now: Date, force: Set<string>): Promise<RefreshSummary> {
    const o = this.options;
    const startedAt = now.toISOString();

    const entities = await readEnrolledEntities({
      catalog: o.catalog,
      credentials: await o.auth.getOwnServiceCredentials(),
    });
    const byRef = new Map<string, Entity>(
      entities.map(e => [stringifyEntityRef(e), e]),
    );
    const enrollments = entities
      .map(e => parseEnrollment(e, o.config.defaults))
      .filter((e): e is Enrollment => e !== undefined)
      .map(e => {
        const refused = checkRebuildTarget(
          e,
          byRef.get(e.entityRef),
          o.rebuildTargets,
        );
        return refused ? { ...e, errors: [...e.errors, refused] } : e;
      });

    const analysis = await analyzeEnrollments({
      enrollments,
      entities: byRef,
      reader: o.dockerfiles,
      store: o.store,
      now,
      force,
    });

    const files = await o.stateRepository.read();
    const previous = parseStateTree(files);
    const merged = mergeState({
      previous: previous.state,
      invalid: previous.invalid,
      enrollments,
      analyses: analysis.outcomes,
      now: startedAt,
    });

    const discovery = await discoverFreight({
      state: markUnmonitorable(merged.state, o.monitoring),
      store: o.store,
      source: o.freightSource,
      minIntervalFor: o.minIntervalFor,
      now,
    });

    await o.rebuilds.followActive(
      new Map(
        enrollments.map(e => [
          e.entityRef,
          {
            ...e,
            owner: ownerOf(byRef.get(e.entityRef)),
          },
        ]),
      ),
      now,
    );
    const state = syncRebuildHistory(
      discovery.state,
      await o.store.listRebuilds({ limit: 10_000 }),
    );

    // An invalid state file stays as it is, with every file of its name, until
    // someone fixes it: see keepInvalidStateFiles. Its error is in the summary.
    const rendered = keepInvalidStateFiles({
      rendered: renderStateTree(state, o.warehouses),
      read: files,
      invalid: previous.invalid,
    });
    const write = await o.stateRepository.write({
      files: rendered,
      message: describeCommit(previous.state, state),
    });
    // Only now that the state is safe in git: otherwise the next run must ask again.
    await o.store.putRegistryChecks(discovery.checks);
    if (discovery.newFreight.length > 0) {
      await o.store.addFreight(
        discovery.newFreight.map(f => ({
          registry: f.registry,
          repository: f.repository,
          tag: f.tag,
          digest: f.digest,
          platformDigests: f.platformDigests ?? {},
          firstSeen: f.firstSeen.toISOString(),
          source: f.source,
        })),
      );
    }

    const publish = () =>
      publishStatuses({
        state,
        enrollments,
        entities: byRef,
        store: o.store,
        discoveryErrors: discovery.errors,
        freightSource: o.freightSource.type,
        coordinationWindowMs: o.config.defaults.coordinationWindowMs,
        rendered,
        now,
      });
    const projected = await publish();
    const triggered = await o.rebuilds.triggerEligible(
      projected.statuses,
      o.config.maxTriggersPerRun,
    );
    if (triggered.started.length > 0) {
      await publish();
    }

    return {
      startedAt,
      finishedAt: (this.options.now?.() ?? new Date()).toISOString(),
      analyzed: analysis.parsed,
      checked: discovery.checked,
      newFreight: discovery.newFreight.length,
      rebuildsTriggered: triggered.started.length,
      commit: write.committed ? write.commit ?? null : null,
      errors: [
        ...previous.invalid.map(i => `${i.path}: ${i.error}`),
        ...merged.conflicts.map(c => c.message),
        ...analysis.errors,
        ...[...discovery.errors].map(([ref, error]) => `${ref}: ${error}`),
        ...projected.errors,
        ...triggered.errors,
      ],
    };
  }
}
