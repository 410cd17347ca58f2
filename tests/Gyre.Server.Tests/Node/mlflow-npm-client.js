// Drives a Gyre tracking server with the third-party npm MLflow client (mlflow@2.0.7, github.com/yuhsak/mlflow)
// and checks what it reads back. Usage: node mlflow-npm-client.js http://127.0.0.1:PORT
// Needs the client on NODE_PATH (tools/node/node_modules after `npm ci` in tools/node).
// Prints "npm mlflow client: N checks passed" and exits 0, or prints the failure and exits 1.
'use strict';

const assert = require('assert');
const MLflow = require('mlflow');

const endpoint = process.argv[2].replace(/\/$/, '');
const client = new MLflow({ endpoint });
const print = (line) => process.stdout.write(line + '\n');
// The client console.logs every POST body; keep the output to our own lines.
console.log = () => {};

let checks = 0;
const check = (fn) => { fn(); checks++; };

// The client throws Error('Error: ' + JSON.stringify({status, statusText, data})) for anything but 200.
async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return JSON.parse(e.message.replace(/^Error: /, ''));
  }
  assert.fail('expected the call to fail');
}

async function main() {
  const t0 = 1700000000000;
  const name = `npm-${Date.now()}-${Math.random().toString(16).slice(2)}`;

  // Experiments: create, get, update, delete, restore, list.
  const { experiment_id } = await client.Experiments.create({ name });
  check(() => assert.match(experiment_id, /^\d+$/));
  let { experiment } = await client.Experiments.get({ experiment_id });
  check(() => assert.strictEqual(experiment.name, name));
  check(() => assert.strictEqual(experiment.lifecycle_stage, 'active'));
  check(() => assert.strictEqual(experiment.artifact_location, `mlflow-artifacts:/${experiment_id}`));
  check(() => assert.strictEqual(typeof experiment.creation_time, 'number'));
  await client.Experiments.update({ experiment_id, new_name: `${name}-renamed` });
  ({ experiment } = await client.Experiments.get({ experiment_id }));
  check(() => assert.strictEqual(experiment.name, `${name}-renamed`));
  const duplicate = await failure(client.Experiments.create({ name: `${name}-renamed` }));
  check(() => assert.deepStrictEqual([duplicate.status, duplicate.data.error_code], [400, 'RESOURCE_ALREADY_EXISTS']));
  const listed = await client.Experiments.list({ view_type: 'ACTIVE_ONLY' });
  check(() => assert.ok(listed.experiments.some((e) => e.experiment_id === experiment_id)));

  // Runs: create, params, metrics, batches, tags.
  const { run } = await client.Runs.create({ experiment_id, user_id: 'npm', start_time: t0, tags: [{ key: 'source', value: 'npm' }] });
  const run_id = run.info.run_id;
  check(() => assert.strictEqual(run.info.status, 'RUNNING'));
  check(() => assert.strictEqual(run.info.start_time, t0));
  check(() => assert.strictEqual(run.info.artifact_uri, `mlflow-artifacts:/${experiment_id}/${run_id}/artifacts`));
  await client.Runs.logParameter({ run_id, key: 'trainer', value: 'lightgbm' });
  await client.Runs.logMetric({ run_id, key: 'auc', value: 0.91, timestamp: t0 + 1, step: 0 });
  await client.Runs.logMetric({ run_id, key: 'auc', value: 0.93, timestamp: t0 + 2, step: 1 });
  await client.Runs.logBatch({
    run_id,
    metrics: [{ key: 'loss', value: 0.5, timestamp: t0, step: 0 }, { key: 'loss', value: 0.4, timestamp: t0 + 1, step: 1 }],
    params: [{ key: 'lr', value: '0.1' }],
    tags: [{ key: 'stage', value: 'dev' }],
  });
  await client.Runs.setTag({ run_id, key: 'temporary', value: 'x' });
  await client.Runs.deleteTag({ run_id, key: 'temporary' });
  const changed = await failure(client.Runs.logParameter({ run_id, key: 'trainer', value: 'fasttree' }));
  check(() => assert.deepStrictEqual([changed.status, changed.data.error_code], [400, 'INVALID_PARAMETER_VALUE']));

  const { run: got } = await client.Runs.get({ run_id });
  const metrics = Object.fromEntries(got.data.metrics.map((m) => [m.key, m]));
  const params = Object.fromEntries(got.data.params.map((p) => [p.key, p.value]));
  const tags = Object.fromEntries(got.data.tags.map((t) => [t.key, t.value]));
  check(() => assert.deepStrictEqual(metrics.auc, { key: 'auc', value: 0.93, timestamp: t0 + 2, step: 1 }));
  check(() => assert.strictEqual(metrics.loss.value, 0.4));
  check(() => assert.deepStrictEqual(params, { trainer: 'lightgbm', lr: '0.1' }));
  check(() => assert.strictEqual(tags.source, 'npm'));
  check(() => assert.strictEqual(tags.stage, 'dev'));
  check(() => assert.ok(!('temporary' in tags)));

  // Search with a filter and order_by.
  const { run: second } = await client.Runs.create({ experiment_id, user_id: 'npm', start_time: t0 + 10 });
  await client.Runs.logBatch({ run_id: second.info.run_id, metrics: [{ key: 'auc', value: 0.85, timestamp: t0, step: 0 }], params: [{ key: 'trainer', value: 'lightgbm' }] });
  const { run: third } = await client.Runs.create({ experiment_id, user_id: 'npm', start_time: t0 + 20 });
  await client.Runs.logBatch({ run_id: third.info.run_id, metrics: [{ key: 'auc', value: 0.99, timestamp: t0, step: 0 }], params: [{ key: 'trainer', value: 'fasttree' }] });
  const found = await client.Runs.search({
    experiment_ids: [experiment_id],
    filter: "metrics.auc > 0.8 and params.trainer = 'lightgbm'",
    order_by: ['metrics.auc DESC'],
    max_results: 10,
  });
  check(() => assert.deepStrictEqual(found.runs.map((r) => r.info.run_id), [run_id, second.info.run_id]));
  const none = await client.Runs.search({ experiment_ids: [experiment_id], filter: 'metrics.auc > 2', max_results: 10 });
  check(() => assert.deepStrictEqual(none, {}));

  // Metric history.
  const history = await client.Metrics.getHistory({ run_id, metric_key: 'auc' });
  check(() => assert.deepStrictEqual(history.metrics.map((m) => [m.step, m.value, m.timestamp]), [[0, 0.91, t0 + 1], [1, 0.93, t0 + 2]]));

  // Artifact listing of a run without artifacts.
  const listing = await client.Artifacts.list({ run_id });
  check(() => assert.deepStrictEqual(listing, { root_uri: run.info.artifact_uri }));

  // Update, delete (writes then refused with 400), restore.
  const updated = await client.Runs.update({ run_id, status: 'FINISHED', end_time: t0 + 100 });
  check(() => assert.strictEqual(updated.run_info.status, 'FINISHED'));
  check(() => assert.strictEqual(updated.run_info.end_time, t0 + 100));
  await client.Runs.delete({ run_id });
  const deleted = (await client.Runs.get({ run_id })).run;
  check(() => assert.strictEqual(deleted.info.lifecycle_stage, 'deleted'));
  const refused = await failure(client.Runs.logMetric({ run_id, key: 'auc', value: 1, timestamp: t0, step: 2 }));
  check(() => assert.deepStrictEqual([refused.status, refused.data.error_code], [400, 'INVALID_PARAMETER_VALUE']));
  await client.Runs.restore({ run_id });
  const restored = (await client.Runs.get({ run_id })).run;
  check(() => assert.strictEqual(restored.info.lifecycle_stage, 'active'));

  // Unknown ids answer MLflow's error JSON.
  const missingRun = await failure(client.Runs.get({ run_id: '0'.repeat(32) }));
  check(() => assert.deepStrictEqual([missingRun.status, missingRun.data.error_code], [404, 'RESOURCE_DOES_NOT_EXIST']));
  const missingExperiment = await failure(client.Experiments.get({ experiment_id: '987654321' }));
  check(() => assert.deepStrictEqual([missingExperiment.status, missingExperiment.data.error_code], [404, 'RESOURCE_DOES_NOT_EXIST']));

  // Experiment delete and restore.
  await client.Experiments.delete({ experiment_id });
  ({ experiment } = await client.Experiments.get({ experiment_id }));
  check(() => assert.strictEqual(experiment.lifecycle_stage, 'deleted'));
  await client.Experiments.restore({ experiment_id });
  ({ experiment } = await client.Experiments.get({ experiment_id }));
  check(() => assert.strictEqual(experiment.lifecycle_stage, 'active'));

  print(`npm mlflow client: ${checks} checks passed`);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
