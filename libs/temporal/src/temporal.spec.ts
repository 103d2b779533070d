import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { collectActivities } from './temporal-worker.module';
import { projectRoot, workflowAliases } from './workflow-bundle';

describe('collectActivities', () => {
  class Recorder {
    constructor(private readonly prefix: string) {}
    async record(value: string): Promise<string> {
      return `${this.prefix}${value}`;
    }
  }
  class Other {
    async notify(): Promise<string> {
      return 'sent';
    }
  }

  it('binds each public method to its instance, so injected dependencies stay reachable', async () => {
    const activities = collectActivities([new Recorder('seen:'), new Other()]);
    expect(Object.keys(activities).sort()).toEqual(['notify', 'record']);
    await expect(activities.record!('x')).resolves.toBe('seen:x');
  });

  it('refuses two activities with one name', () => {
    expect(() => collectActivities([new Recorder('a'), new Recorder('b')])).toThrow(/activity record is defined twice/);
  });
});

describe('workflowAliases', () => {
  it('turns every tsconfig path alias into an exact-match webpack alias of an existing file', () => {
    const aliases = workflowAliases();
    expect(Object.keys(aliases)).toEqual(expect.arrayContaining(['@ocop/domain$', '@ocop/contracts$', '@ocop/activities$']));
    for (const target of Object.values(aliases)) expect(existsSync(target)).toBe(true);
  });
});

describe('workflow code', () => {
  // Workflows must be deterministic: the workflow SDK, pure libraries, and activity *types* only.
  const allowed = /^(@temporalio\/workflow|@temporalio\/common|@ocop\/(domain|contracts)|\.{1,2}\/.*)$/;
  // The tracing interceptors (traced bundle only) also take OpenTelemetry's API and span SDK, and the parts of
  // @temporalio/interceptors-opentelemetry that package runs in the workflow sandbox itself.
  const allowedForTracing =
    /^(@opentelemetry\/(api|sdk-trace-base)|@temporalio\/interceptors-opentelemetry\/lib\/(workflow\/[a-z-]+|instrumentation))$/;
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') && !full.endsWith('.spec.ts') ? [full] : [];
    });

  it.each(files(path.join(projectRoot(), 'workflows')).map((f) => [path.relative(projectRoot(), f), f]))(
    '%s imports nothing non-deterministic',
    (_name, file) => {
      const source = readFileSync(file, 'utf8');
      const imports = [...source.matchAll(/^import (type )?[^;]*? from '([^']+)'/gms)].filter((m) => !m[1]).map((m) => m[2]);
      const permitted = (specifier: string) =>
        allowed.test(specifier) || (file.endsWith(path.join('support', 'tracing-interceptors.ts')) && allowedForTracing.test(specifier));
      expect(imports.filter((specifier) => !permitted(specifier!))).toEqual([]);
    },
  );
});
