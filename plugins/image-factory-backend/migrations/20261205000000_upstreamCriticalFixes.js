// @ts-check

// The fleet list puts first the images whose newest base image digests fix
// critical vulnerabilities of their built ones: their number, computed with
// the status, is a column, and the staleness order's index leads with it so a
// page is still found from the index alone. Rows read 0 until the next run
// publishes them again (their content hash changes with the new column).

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('image_status', table => {
    table
      .integer('upstream_critical_fixes')
      .notNullable()
      .defaultTo(0)
      .comment('Critical vulnerabilities of the built digests the newest fix');
  });
  await knex.schema.alterTable('image_status', table => {
    table.dropIndex(
      ['stale_since', 'entity_ref'],
      'image_status_staleness_idx',
    );
    table.index(
      ['upstream_critical_fixes', 'stale_since', 'entity_ref'],
      'image_status_urgency_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('image_status', table => {
    table.dropIndex(
      ['upstream_critical_fixes', 'stale_since', 'entity_ref'],
      'image_status_urgency_idx',
    );
    table.index(['stale_since', 'entity_ref'], 'image_status_staleness_idx');
  });
  await knex.schema.alterTable('image_status', table => {
    table.dropColumn('upstream_critical_fixes');
  });
};
