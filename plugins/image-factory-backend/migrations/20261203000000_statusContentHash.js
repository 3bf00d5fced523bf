// @ts-check

// A hash of each status row's columns, so a run that publishes the statuses
// of the whole fleet reads one short column per row to learn which rows
// changed, instead of every status document. Rows from before have none and
// are written again once.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of ['image_status', 'base_image_status']) {
    await knex.schema.alterTable(table, t => {
      t.string('content_hash', 64)
        .nullable()
        .comment('SHA-256 of the other columns, as the plugin wrote them');
    });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of ['image_status', 'base_image_status']) {
    await knex.schema.alterTable(table, t => {
      t.dropColumn('content_hash');
    });
  }
};
