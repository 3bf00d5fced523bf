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
  seedBuiltDigests,
  RefreshSummary,
  renderStateTree,
  stateSettings,
  StateFileMemo,
  StateTree,
  WarehouseOptions,
} from '@image-factory/backstage-plugin-image-factory-common';
import { DockerfileReader } from '../analysis/DockerfileReader';
import { auditDone } from '../audit/audited';
import { ImageFactoryConfig } from '../config/readImageFactoryConfig';
import { ImageFactoryStore, RebuildRecord } from '../database';
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
import { EvidenceChecker } from '../supplyChain/EvidenceChecker';
import { analyzeEnrollments } from './analyzeEnrollments';
import { checkEvidence } from './checkEvidence';
import { describeCommit } from './describeCommit';
import { discoverFreight } from './discoverFreight';
import { mergeWithinArchiveLimit } from './mergeWithinArchiveLimit';
import { projectStatuses } from './projectStatuses';
import { publishStatuses } from './publishStatuses';
import { StateLinksInput } from '../status/stateLinks';
import { reconcileFirstSeen } from './reconcileFirstSeen';
import { readBuiltSeeds } from './readBuiltSeeds';
import { ImageReader } from '../rebuilds/readImageFacts';
import { summarizeRun } from './summarizeRun';

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
  /** Checks the signatures and vulnerability attestations of base image digests. */
  evidence: EvidenceChecker;
  /**
   * Reads newly enrolled images for what they were built on; absent: they
   * count as built on the current digests.
   */
  images?: ImageReader;
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
  // What the last runs read and rendered: an unchanged state file is neither
  // parsed nor rendered again.
  private readonly memo = new StateFileMemo();

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

  // Data flows one way: enrollment → analysis → state merge → discovery →
  // eligibility (in memory) → triggers → their outcomes applied in memory →
  // one commit → statuses stored once (docs/architecture.md, "A run").
  private async steps(
    now: Date,
    force: Set<string>,
    signal: AbortSignal,
  ): Promise<RefreshSummary> {
    const startedAt = now.toISOString();
    const enrolled = await this.readEnrollments();
    signal.throwIfAborted();
    const analysis = await this.analyze(enrolled, now, force);
    signal.throwIfAborted();
    await this.followRebuilds(enrolled, now);
    signal.throwIfAborted();
    const written = await this.writeState(enrolled, analysis, now, signal);
    // Only now that the state is safe in git: otherwise the next run must ask again.
    await this.options.store.putRegistryChecks(written.value.discovery.checks);
    signal.throwIfAborted();
    await publishStatuses(this.options.store, written.value.projected);
    return summarizeRun({
      startedAt,
      finishedAt: (this.options.now?.() ?? new Date()).toISOString(),
      analysis,
      written,
      maxNewTagsPerRun: this.options.config.safety.maxNewTagsPerRun,
    });
  }

  // The enrolled entities, read with the plugin's own credentials, and their
  // enrollments, each refused a rebuild target the entity may not use.
  private async readEnrollments(): Promise<Enrolled> {
    const o = this.options;
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
    return { byRef, enrollments };
  }

  private analyze(enrolled: Enrolled, now: Date, force: Set<string>) {
    const o = this.options;
    return analyzeEnrollments({
      enrollments: enrolled.enrollments,
      entities: enrolled.byRef,
      reader: o.dockerfiles,
      store: o.store,
      now,
      force,
      maxBaseImages: o.config.safety.maxBaseImagesPerDockerfile,
    });
  }

  // What became of the rebuilds under way, before eligibility is judged on them.
  private followRebuilds(enrolled: Enrolled, now: Date) {
    return this.options.rebuilds.followActive(
      new Map(
        enrolled.enrollments.map(e => [
          e.entityRef,
          { ...e, owner: ownerOf(enrolled.byRef.get(e.entityRef)) },
        ]),
      ),
      now,
    );
  }

  // One commit of the run's state. Computed from the head it is written on:
  // when another writer moves the branch first, the state is merged again from
  // the new head, so what they recorded stays and `firstSeen` never moves. The
  // eligible images are triggered once, on the first attempt; a later attempt
  // finds the rebuilds they started among the store's records.
  private async writeState(
    enrolled: Enrolled,
    analysis: AnalysisResult,
    now: Date,
    signal: AbortSignal,
  ) {
    const o = this.options;
    let triggered: TriggerOutcome | undefined;
    const write = await o.stateRepository.update(
      async snapshot => {
        const discovered = await this.discover(
          snapshot,
          enrolled,
          analysis,
          now,
        );
        const records = await o.store.listRebuilds({ limit: 10_000 });
        let state = syncRebuildHistory(discovered.discovery.state, records);
        let rendered = this.render(state, snapshot, discovered);
        let projected = this.project(
          state,
          records,
          rendered,
          enrolled,
          discovered,
          now,
        );
        triggered ??= await o.rebuilds.triggerEligible(
          projected.statuses,
          o.config.maxTriggersPerRun,
        );
        // On a retried attempt the store's records already hold the rebuilds
        // the first attempt started.
        const known = new Set(records.map(r => r.id));
        const started = triggered.started.filter(r => !known.has(r.id));
        if (started.length > 0) {
          // The triggers' outcomes, applied in memory: the commit records the
          // rebuilds, and the statuses show the images rebuilding.
          const all = [...records, ...started];
          state = syncRebuildHistory(state, started);
          rendered = this.render(state, snapshot, discovered);
          projected = this.project(
            state,
            all,
            rendered,
            enrolled,
            discovered,
            now,
          );
        }
        return {
          files: rendered,
          message: () => describeCommit(discovered.previous.state, state),
          value: { ...discovered, projected, triggered },
        };
      },
      { signal },
    );
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
    return write;
  }

  // The state read back, merged with the enrollments and analyses, its
  // first-seen times reconciled with the store, and its freight discovered.
  private async discover(
    snapshot: StateSnapshot,
    enrolled: Enrolled,
    analysis: AnalysisResult,
    now: Date,
  ) {
    const o = this.options;
    const previous = parseStateTree(snapshot.files, {
      undecodable: snapshot.undecodable,
      memo: this.memo,
    });
    const merged = await mergeWithinArchiveLimit({
      previous: previous.state,
      invalid: previous.invalid,
      enrollments: enrolled.enrollments,
      analyses: analysis.outcomes,
      now: now.toISOString(),
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
    // After discovery, so a digest the image names is matched to the freight
    // record it belongs to.
    const seeded = o.images
      ? seedBuiltDigests(
          discovery.state,
          previous.state,
          await readBuiltSeeds({
            registry: o.images,
            state: discovery.state,
            previous: previous.state,
            enrollments: enrolled.enrollments,
            logger: o.logger,
          }),
        )
      : discovery.state;
    const signed = await checkEvidence({
      state: seeded,
      store: o.store,
      checker: o.evidence,
      now,
      asked: new Set(discovery.checks.filter(c => !c.error).map(c => c.target)),
    });
    return {
      previous,
      merged,
      reconciled,
      discovery: {
        ...discovery,
        state: signed.state,
        // A registry error of the tag says more than one of its signature.
        errors: new Map([...signed.errors, ...discovery.errors]),
      },
    };
  }

  // An invalid state file stays as it is, with every file of its name, until
  // someone fixes it: see keepInvalidStateFiles. Its error is in the summary.
  // The settings file is written from the configuration on every run, and the
  // manifests are rendered from it as it reads back (the same render as
  // `image-factory synth`). While the settings file read is invalid it and
  // manifests/ stay as they are, rather than being rendered from settings the
  // repository does not hold.
  private render(
    state: StateTree,
    snapshot: StateSnapshot,
    discovered: { previous: ParsedStateTree },
  ): Map<string, string> {
    return keepInvalidStateFiles({
      rendered: renderStateTree(state, stateSettings(this.options.warehouses), {
        memo: this.memo,
      }),
      read: snapshot.files,
      invalid: discovered.previous.invalid,
    });
  }

  private project(
    state: StateTree,
    records: readonly RebuildRecord[],
    rendered: ReadonlyMap<string, string>,
    enrolled: Enrolled,
    discovered: { previous: ParsedStateTree; discovery: DiscoveryOutcome },
    now: Date,
  ) {
    const o = this.options;
    return projectStatuses({
      state,
      records,
      enrollments: enrolled.enrollments,
      entities: enrolled.byRef,
      discoveryErrors: discovered.discovery.errors,
      freightSource: o.freightSource.type,
      signatureModeOf: ref => o.evidence.modeOf(ref),
      bypassSeverity: o.config.bypassSeverity,
      coordinationWindowMs: o.config.defaults.coordinationWindowMs,
      internalDelayMs: o.config.defaults.internalDelayMs,
      rendered,
      invalid: discovered.previous.invalid,
      stateLinks: o.stateLinks,
      now,
    });
  }
}

interface Enrolled {
  byRef: Map<string, Entity>;
  enrollments: Enrollment[];
}

type AnalysisResult = Awaited<ReturnType<typeof analyzeEnrollments>>;
type DiscoveryOutcome = Awaited<ReturnType<typeof discoverFreight>>;
type ParsedStateTree = ReturnType<typeof parseStateTree>;
type StateSnapshot = Parameters<Parameters<StateRepository['update']>[0]>[0];
type TriggerOutcome = Awaited<ReturnType<RebuildService['triggerEligible']>>;
