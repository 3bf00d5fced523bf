// @ts-check

// A digest's supply-chain evidence as the backend last checked it, its cosign
// signature and its vulnerability summary: the record the state files are
// held to, so an edit there cannot make a digest signed or clean.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('freight', table => {
    table
      .text('signature')
      .nullable()
      .comment('JSON: the signature check of the digest; null before one');
    table
      .text('vulnerabilities')
      .nullable()
      .comment(
        'JSON: the vulnerability summary of the digest; null before one',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('freight', table => {
    table.dropColumn('signature');
    table.dropColumn('vulnerabilities');
  });
};
