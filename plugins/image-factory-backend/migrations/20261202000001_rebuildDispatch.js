// @ts-check

// What the trigger answered when it started a run: the ref the run is on and
// when it was asked for. Following the run asks for exactly these, instead of
// working them out again from the source location and the request time.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rebuilds', table => {
    table
      .string('ref', 255)
      .nullable()
      .comment('The branch or ref the run was started on, as the trigger said');
    table
      .timestamp('dispatched_at', { useTz: true })
      .nullable()
      .comment('When the trigger asked the CI system for the run');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rebuilds', table => {
    table.dropColumn('ref');
    table.dropColumn('dispatched_at');
  });
};
