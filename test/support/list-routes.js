'use strict';
// Prints, as JSON, every HTTP route the built API registers (`METHOD /path/:param`), found by walking the module tree
// from AppModule's metadata — imports, dynamic modules, controllers, handler decorators: what Nest's router reads.
// A separate Node process, because Node (not jest's loader) can require the ES-module-only NestJS packages.
require('reflect-metadata');
process.env.DATABASE_URL ??= 'postgres://list-routes@127.0.0.1:1/none'; // read at import by the config module; nothing connects
const path = require('node:path');
const { RequestMethod } = require('@nestjs/common');
const { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } = require('@nestjs/common/constants');
const { AppModule } = require(path.join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'app.module.js'));

const join = (...parts) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

function routesOf(root) {
  const seen = new Set();
  const routes = new Set();
  const visit = (entry) => {
    if (!entry || seen.has(entry) || entry instanceof Promise) return;
    seen.add(entry);
    if (typeof entry === 'object' && 'forwardRef' in entry) return visit(entry.forwardRef());
    const dynamic = typeof entry === 'object' ? entry : undefined;
    const moduleClass = dynamic?.module ?? entry;
    const imports = [...(Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) ?? []), ...(dynamic?.imports ?? [])];
    const controllers = [...(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) ?? []), ...(dynamic?.controllers ?? [])];
    for (const controller of controllers) {
      const bases = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat();
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler);
        const paths = Reflect.getMetadata(PATH_METADATA, handler);
        if (method === undefined || paths === undefined) continue;
        for (const base of bases) for (const p of [paths].flat()) routes.add(`${RequestMethod[method]} ${join(base, p)}`);
      }
    }
    for (const imported of imports) visit(imported);
  };
  visit(root);
  return [...routes].sort();
}

process.stdout.write(JSON.stringify(routesOf(AppModule)));
