// @ts-check

// A digest's cosign signature, as the backend last checked it: the record the
// state files are held to, so an edit there cannot make a digest signed.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('freight', table => {
    table
      .text('signature')
      .nullable()
      .comment('JSON: the signature check of the digest; null before one');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('freight', table => {
    table.dropColumn('signature');
  });
};
