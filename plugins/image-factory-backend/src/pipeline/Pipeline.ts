import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  formatEntityRef,
  Enrollment,
  keepInvalidStateFiles,
  parseEnrollment,
  parseStateTree,
  RefreshSummary,
  renderStateTree,
  STATE_SETTINGS_PATH,
  stateSettings,
  WarehouseOptions,
} from '@internal/plugin-image-factory-common';
import { DockerfileReader } from '../analysis/DockerfileReader';
import { auditDone } from '../audit/audited';
import { ImageFactoryConfig } from '../config/readImageFactoryConfig';
import { ImageFactoryStore } from '../database';
import { FreightSource, toFreightRecord } from '../discovery';
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
import { mergeWithinArchiveLimit } from './mergeWithinArchiveLimit';
import { publishStatuses } from './publishStatuses';
import { StateLinksInput } from '../status/stateLinks';
import { reconcileFirstSeen } from './reconcileFirstSeen';

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
  /** Where the state repository lives, for links to its files in the statuses. */
  stateLinks?: StateLinksInput;
  /** Records each commit pushed to the state repository. */
  auditor: AuditorService;
  logger: LoggerService;
  /** The clock; tests move it. */
  now?: () => Date;
}

/**
 * One run of the Image Factory: enrollment → analysis → state merge → freight
 * discovery → one commit to the state repository → status in the database.
 * `RunCoordinator` keeps runs apart, across replicas too; a run stops between
 * steps once its signal aborts. Every step is idempotent: a run cut short is
 * repaired by the next.
 */
export class Pipeline {
  private constructor(private readonly options: PipelineOptions) {}

  static create(options: PipelineOptions): Pipeline {
    return new Pipeline(options);
  }

  /** Runs the pipeline once. */
  async run(
    request: { forceAnalysis?: string[]; signal?: AbortSignal } = {},
  ): Promise<RefreshSummary> {
    const now = this.options.now?.() ?? new Date();
    const signal = request.signal ?? new AbortController().signal;
    const summary = await this.steps(
      now,
      new Set(request.forceAnalysis),
      signal,
    );
    this.options.logger.info(
      `Image Factory run: ${summary.analyzed} analysed, ${
        summary.checked
      } tags checked, ${summary.newFreight} new freight, commit ${
        summary.commit ?? 'none'
      }, ${summary.errors.length} errors`,
    );
    return summary;
  }

  private async steps(
    now: Date,
    force: Set<string>,
    signal: AbortSignal,
  ): Promise<RefreshSummary> {
    const o = this.options;
    const startedAt = now.toISOString();

    const entities = await readEnrolledEntities({
      catalog: o.catalog,
      credentials: await o.auth.getOwnServiceCredentials(),
    });
    const byRef = new Map<string, Entity>(
      // The enrollment's own form of the ref, which keeps the name's case.
      entities.map(e => [formatEntityRef(e), e]),
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
    signal.throwIfAborted();

    const analysis = await analyzeEnrollments({
      enrollments,
      entities: byRef,
      reader: o.dockerfiles,
      store: o.store,
      now,
      force,
      maxBaseImages: o.config.safety.maxBaseImagesPerDockerfile,
    });
    signal.throwIfAborted();

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
    signal.throwIfAborted();

    // Computed from the head it is written on: when another writer moves the
    // branch first, the state is merged again from the new head, so what they
    // recorded stays and `firstSeen` never moves.
    const write = await o.stateRepository.update(
      async snapshot => {
        const previous = parseStateTree(snapshot.files, {
          undecodable: snapshot.undecodable,
        });
        const merged = await mergeWithinArchiveLimit({
          previous: previous.state,
          invalid: previous.invalid,
          enrollments,
          analyses: analysis.outcomes,
          now: startedAt,
          maxArchiveRatio: o.config.safety.maxArchiveRatio,
          alerts: o.rebuilds,
        });
        const reconciled = await reconcileFirstSeen({
          state: merged.state,
          store: o.store,
          source: o.freightSource.type,
          now,
        });
        const discovery = await discoverFreight({
          state: markUnmonitorable(reconciled.state, o.monitoring),
          store: o.store,
          source: o.freightSource,
          minIntervalFor: o.minIntervalFor,
          maxNewTags: o.config.safety.maxNewTagsPerRun,
          now,
        });
        // The database is the record of first-seen times (see reconcileFirstSeen),
        // so a new digest goes there before the commit that shows it: a run cut
        // short in between loses no time, and its registry check, stored only
        // after the commit, makes the next run look again.
        await o.store.addFreight(discovery.newFreight.map(toFreightRecord));
        const state = syncRebuildHistory(
          discovery.state,
          await o.store.listRebuilds({ limit: 10_000 }),
        );
        // An invalid state file stays as it is, with every file of its name,
        // until someone fixes it: see keepInvalidStateFiles. Its error is in the summary.
        // The settings file is written from the configuration on every run, and
        // the manifests are rendered from it as it reads back (the same render
        // as `image-factory synth`). While the settings file read is invalid it
        // and manifests/ stay as they are, rather than being rendered from
        // settings the repository does not hold.
        const rendered = keepInvalidStateFiles({
          rendered: renderStateTree(state, stateSettings(o.warehouses)),
          read: snapshot.files,
          invalid: previous.invalid,
        });
        return {
          files: rendered,
          message: describeCommit(previous.state, state),
          value: { previous, merged, reconciled, discovery, state, rendered },
        };
      },
      { signal },
    );
    const { previous, merged, reconciled, discovery, state, rendered } =
      write.value;
    if (write.committed) {
      await auditDone(
        o.auditor,
        {
          eventId: 'state-push',
          severityLevel: 'low',
          meta: { commit: write.commit ?? null, attempts: write.attempts },
        },
        {},
      );
    }

    // Only now that the state is safe in git: otherwise the next run must ask again.
    await o.store.putRegistryChecks(discovery.checks);
    signal.throwIfAborted();

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
        invalid: previous.invalid,
        stateLinks: o.stateLinks,
        now,
      });
    const projected = await publish();
    signal.throwIfAborted();
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
        ...(previous.invalid.some(i => i.path === STATE_SETTINGS_PATH)
          ? [
              `${STATE_SETTINGS_PATH} is invalid, so manifests/ is kept as it is: fix or delete the file, and the next run writes it again from the configuration with the manifests`,
            ]
          : []),
        ...merged.conflicts.map(c => c.message),
        ...merged.errors,
        ...reconciled.errors,
        ...analysis.errors,
        ...[...discovery.errors].map(([ref, error]) => `${ref}: ${error}`),
        ...(discovery.waitingNewTags > 0
          ? [
              `${discovery.waitingNewTags} tags wait for a later run: at most ${o.config.safety.maxNewTagsPerRun} tags are asked of registries for the first time in one run (imageFactory.safety.maxNewTagsPerRun)`,
            ]
          : []),
        ...projected.errors,
        ...triggered.errors,
      ],
    };
  }
}
