// @ts-check

// What the registry said, once a rebuild's run succeeded, of the image it
// pushed: whether it is on the base image digests the rebuild asked for.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rebuilds', table => {
    table
      .text('verification')
      .nullable()
      .comment(
        'JSON: the check of the pushed image against the asked digests; null before one',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rebuilds', table => {
    table.dropColumn('verification');
  });
};
