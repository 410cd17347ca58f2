// Reads model versions of a Gyre server through the npm MLflow client (mlflow@2.0.7, github.com/yuhsak/mlflow).
// That client has no registry wrappers, so its own request layer (MLflowBase.req: URL building, query encoding,
// JSON parsing, error handling) is used on MLflow's registry routes, as its wrappers use it on the tracking routes.
// Usage: node mlflow-npm-registry.js http://127.0.0.1:PORT MODEL_NAME SHA256
// MODEL_NAME must have version 1 registered with Gyre package facts (sha256 SHA256, flavor mlnet, metric auc 0.91)
// and alias champion on it. Prints "npm mlflow registry: N checks passed" and exits 0, or the failure and exits 1.
'use strict';

const assert = require('assert');
const { MLflowBase } = require('mlflow/lib/mlflow');

const endpoint = process.argv[2].replace(/\/$/, '');
const name = process.argv[3];
const sha256 = process.argv[4];
const client = new MLflowBase({ endpoint });
const print = (line) => process.stdout.write(line + '\n');
console.log = () => {};

let checks = 0;
const check = (fn) => { fn(); checks++; };

async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return JSON.parse(e.message.replace(/^Error: /, ''));
  }
  assert.fail('expected the call to fail');
}

// MLflow's own fields of a ModelVersion, as every MLflow client reads them.
function checkMlflowFields(version, expectedVersion) {
  check(() => assert.strictEqual(version.name, name));
  check(() => assert.strictEqual(version.version, expectedVersion));
  check(() => assert.strictEqual(version.current_stage, 'None'));
  check(() => assert.strictEqual(version.status, 'READY'));
  check(() => assert.strictEqual(typeof version.creation_timestamp, 'number'));
  check(() => assert.strictEqual(typeof version.source, 'string'));
}

async function main() {
  const { model_version: got } = await client.req('get', 'model-versions/get', { name, version: '1' });
  checkMlflowFields(got, '1');
  check(() => assert.deepStrictEqual(got.aliases, ['champion']));
  check(() => assert.deepStrictEqual(got.gyre_package, { sha256, flavor: 'mlnet', signature_json: '{"inputs":[]}', metrics: { auc: 0.91 } }));

  const { model_version: byAlias } = await client.req('get', 'registered-models/alias', { name, alias: 'champion' });
  check(() => assert.deepStrictEqual(byAlias, got));

  const found = await client.req('get', 'model-versions/search', { filter: `name = '${name}'` });
  check(() => assert.deepStrictEqual(found.model_versions, [got]));

  const { registered_model: model } = await client.req('get', 'registered-models/get', { name });
  check(() => assert.deepStrictEqual(model.aliases, [{ alias: 'champion', version: '1' }]));
  check(() => assert.deepStrictEqual(model.latest_versions, [got]));

  // A version registered through MLflow's own route has no package facts, so no gyre_package.
  const { model_version: plain } = await client.req('post', 'model-versions/create', { name, source: 'runs:/abc/model' });
  checkMlflowFields(plain, '2');
  check(() => assert.ok(!('gyre_package' in plain)));

  const missing = await failure(client.req('get', 'model-versions/get', { name, version: '9' }));
  check(() => assert.deepStrictEqual([missing.status, missing.data.error_code], [404, 'RESOURCE_DOES_NOT_EXIST']));

  print(`npm mlflow registry: ${checks} checks passed`);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
