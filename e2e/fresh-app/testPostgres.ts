import knexFactory from 'knex';

/** The test PostgreSQL that scripts/test-services.sh started. */
export function testPostgres() {
  const variable = Object.keys(process.env).find(name =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
  );
  if (!variable) {
    throw new Error(
      'no test PostgreSQL: run `. <(scripts/test-services.sh start)` first (make test does)',
    );
  }
  const url = new URL(process.env[variable]!);
  return {
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
  };
}

/** Drops the databases the app's plugins made, so runs leave nothing behind. */
export async function dropDatabases(
  postgres: ReturnType<typeof testPostgres>,
  prefix: string,
) {
  const knex = knexFactory({
    client: 'pg',
    connection: { ...postgres, database: 'postgres' },
  });
  try {
    const { rows } = await knex.raw(
      'SELECT datname FROM pg_database WHERE starts_with(datname, ?)',
      [prefix],
    );
    for (const { datname } of rows as Array<{ datname: string }>) {
      await knex.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await knex.destroy();
  }
}
