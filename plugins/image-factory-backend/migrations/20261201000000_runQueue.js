// @ts-check

// Runs are queued before they start, so an API caller gets the run's id at once
// and many requests share one queued run; and one lease row keeps runs of every
// replica apart, whether the scheduler or a person started them.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pipeline_runs', table => {
    table
      .string('status', 16)
      .notNullable()
      .defaultTo('succeeded')
      .comment('queued, running, succeeded or failed');
    table.timestamp('queued_at', { useTz: true }).nullable();
    table
      .text('force_analysis')
      .nullable()
      .comment('JSON: entity refs analysed again whatever the cache says');
    table
      .string('queue_slot', 16)
      .nullable()
      .unique({ indexName: 'pipeline_runs_queue_slot_uniq' })
      .comment('"next" while queued: the unique index allows one queued run');
  });
  await knex.schema.alterTable('pipeline_runs', table => {
    table.timestamp('started_at', { useTz: true }).nullable().alter();
  });
  await knex('pipeline_runs')
    .whereNotNull('error')
    .update({ status: 'failed' });
  await knex('pipeline_runs').whereNull('finished_at').update({
    status: 'failed',
    error: 'The run was cut short before it finished',
  });
  await knex('pipeline_runs').update({ queued_at: knex.ref('started_at') });

  await knex.schema.createTable('pipeline_lock', table => {
    table.comment('The lease of the one replica running the pipeline now');
    table.string('name', 64).primary();
    table.string('holder', 128).nullable();
    table.timestamp('expires_at', { useTz: true }).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pipeline_lock');
  await knex('pipeline_runs').whereNull('started_at').delete();
  await knex.schema.alterTable('pipeline_runs', table => {
    table.dropUnique(['queue_slot'], 'pipeline_runs_queue_slot_uniq');
    table.dropColumn('queue_slot');
    table.dropColumn('force_analysis');
    table.dropColumn('queued_at');
    table.dropColumn('status');
  });
  await knex.schema.alterTable('pipeline_runs', table => {
    table.timestamp('started_at', { useTz: true }).notNullable().alter();
  });
};
