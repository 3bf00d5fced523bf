// @ts-check

// A rebuild's status is the API's: a run the CI system reports queued or in
// progress is `running`, as the API and the state files always showed it. The
// store no longer keeps the CI system's own `queued` and `in_progress`.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex('rebuilds')
    .whereIn('status', ['queued', 'in_progress'])
    .update({ status: 'running' });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // Whether a run was still queued is not kept: it reads as in progress, which
  // the older code follows just the same.
  await knex('rebuilds')
    .where('status', 'running')
    .update({ status: 'in_progress' });
};
