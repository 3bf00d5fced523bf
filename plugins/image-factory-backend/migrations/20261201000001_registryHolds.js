// @ts-check

// A registry that answered 429 is not asked again before its Retry-After, by any
// replica, even after a restart: the wait is kept here, not in memory.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('registry_holds', table => {
    table.comment('Registries that asked us to wait (HTTP 429), until when');
    table.string('registry', 255).primary();
    table.timestamp('until', { useTz: true }).notNullable();
    table.text('reason').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('registry_holds');
};
