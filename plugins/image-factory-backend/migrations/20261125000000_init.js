// @ts-check

// Timestamps are `timestamptz` on PostgreSQL; on SQLite they hold the ISO-8601
// UTC text the store writes, which sorts and compares like time. The store never
// lets the database fill in a timestamp, so both engines hold the same values.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('image_status', table => {
    table.comment('Status of every enrolled image, as the API serves it');
    table.string('entity_ref', 255).primary();
    table.string('kind', 16).notNullable().comment('managed or external');
    table.text('image').notNullable();
    table.string('owner', 255).nullable();
    table.string('eligibility_state', 32).notNullable();
    table.timestamp('eligible_at', { useTz: true }).nullable();
    table
      .timestamp('stale_since', { useTz: true })
      .nullable()
      .comment('When the oldest pending base image update was first seen');
    table.text('status').notNullable().comment('Entity status document, JSON');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['eligibility_state'], 'image_status_state_idx');
    table.index(['owner'], 'image_status_owner_idx');
    table.index(['stale_since'], 'image_status_stale_since_idx');
  });

  await knex.schema.createTable('base_image_status', table => {
    table.comment('Status of every monitored base image');
    table.string('name', 255).primary();
    table.text('ref').notNullable();
    table.integer('dependents_count').notNullable();
    table
      .text('status')
      .notNullable()
      .comment('Base image status document, JSON');
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('freight', table => {
    table.comment('Every digest discovered behind a monitored tag');
    table.bigIncrements('id');
    table.string('registry', 255).notNullable();
    table.string('repository', 255).notNullable();
    table.string('tag', 128).notNullable();
    table.string('digest', 255).notNullable();
    table
      .text('platform_digests')
      .notNullable()
      .comment('JSON: platform to digest');
    table.timestamp('first_seen', { useTz: true }).notNullable();
    table.string('source', 16).notNullable().comment('registry or kargo');
    table.unique(['registry', 'repository', 'tag', 'digest'], {
      indexName: 'freight_version_uniq',
    });
    table.index(
      ['registry', 'repository', 'first_seen'],
      'freight_repository_idx',
    );
  });

  await knex.schema.createTable('registry_checks', table => {
    table.comment('When each tag was last asked of its registry; never in git');
    table.text('target').primary().comment('registry/repository:tag');
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.string('digest', 255).nullable();
    table
      .text('platform_digests')
      .nullable()
      .comment('JSON: platform to digest');
    table.text('error').nullable();
  });

  await knex.schema.createTable('dockerfile_cache', table => {
    table.comment('Last analysis of each Dockerfile, to skip unchanged files');
    table.text('location').primary();
    table.text('etag').nullable();
    table.string('content_hash', 128).nullable();
    table.text('analysis').nullable().comment('Analysis result, JSON');
    table.text('error').nullable();
    table.timestamp('analyzed_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('rebuilds', table => {
    table.comment('Every rebuild requested, and what became of it');
    table.uuid('id').primary();
    table.string('entity_ref', 255).notNullable();
    table
      .text('trigger_key')
      .notNullable()
      .unique({ indexName: 'rebuilds_trigger_key_uniq' })
      .comment(
        'Identifies one rebuild decision, so replicas cannot record it twice',
      );
    table
      .string('trigger', 16)
      .notNullable()
      .comment('auto, manual or emergency');
    table.text('requested_by').notNullable();
    table.text('justification').nullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.string('provider', 32).notNullable();
    table.string('run_id', 255).nullable();
    table.text('run_url').nullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('requested, queued, in_progress, completed or failed');
    table.string('conclusion', 64).nullable();
    table.text('error').nullable();
    table
      .text('base_digests')
      .notNullable()
      .comment('JSON: base image to digest');
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'requested_at'], 'rebuilds_entity_idx');
    table.index(['status'], 'rebuilds_status_idx');
  });

  await knex.schema.createTable('pipeline_runs', table => {
    table.comment('Each run of the scheduled pipeline');
    table.uuid('id').primary();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('summary').nullable().comment('Run summary, JSON');
    table.text('error').nullable();
    table.index(['started_at'], 'pipeline_runs_started_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'pipeline_runs',
    'rebuilds',
    'dockerfile_cache',
    'registry_checks',
    'freight',
    'base_image_status',
    'image_status',
  ]) {
    await knex.schema.dropTable(table);
  }
};
