/**
 * How a worker thread runs a TypeScript module when the ledger itself runs from its sources (the
 * tests, under ts-jest): the thread has no ts-jest, so this program teaches its `require` to load
 * `.ts` by transpiling with the TypeScript compiler the checkout already has (a dev dependency),
 * one file at a time, as ts-jest does with `isolatedModules`. Transpiled files are kept in the
 * temporary directory by their path and content, so only the first thread of a run pays for the
 * compiler. The build (`npm start`) never takes this path: it starts the compiled `.js` directly.
 */
export const SOURCE_LOADER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const os = require('node:os');
const cacheDir = path.join(os.tmpdir(), 'ledger-worker-sources');
let ts;
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = path.join(cacheDir, crypto.createHash('sha256').update(filename + '\\0' + source).digest('hex') + '.js');
  let js;
  try {
    js = fs.readFileSync(cached, 'utf8');
  } catch {
    ts = ts || require(workerData.typescript);
    js = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true,
        emitDecoratorMetadata: true, useDefineForClassFields: false, inlineSourceMap: true, isolatedModules: true,
      },
    }).outputText;
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const partial = cached + '.' + process.pid + '.' + Math.random().toString(36).slice(2);
      fs.writeFileSync(partial, js);
      fs.renameSync(partial, cached);
    } catch {}
  }
  module._compile(js, filename);
};
require(workerData.entry);
`;
