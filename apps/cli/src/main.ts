import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, validateEnvironment } from '@ocop/config';
import { dataSourceOptions, runMigrations } from '@ocop/persistence';
import { loadDemoData } from './demo-data';

const USAGE = `usage: ocop <command>
  migrate     apply pending database migrations
  seed-demo   load the Lào Cai 2021 demo organisations (idempotent)`;

async function main(command: string | undefined): Promise<void> {
  const env = validateEnvironment(process.env);
  switch (command) {
    case 'migrate': {
      const applied = await runMigrations(env.DATABASE_URL);
      console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
      return;
    }
    case 'seed-demo': {
      const dataSource = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
      try {
        const added = await loadDemoData(dataSource);
        console.log(`demo data loaded (${added} new organisations)`);
      } finally {
        await dataSource.destroy();
      }
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
