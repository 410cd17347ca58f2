// Scores an ONNX model with ONNX Runtime for Node (a runtime outside .NET) on the rows of a check file written by
// `gyre export onnx --check-file` and prints {"rows": N, "max_abs_difference": D} against the scores ML.NET gave.
// Usage: node onnx-check.mjs MODEL.onnx CHECK.json
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';

const [modelPath, checkPath] = process.argv.slice(2);
const check = JSON.parse(readFileSync(checkPath, 'utf8'));
const session = await ort.InferenceSession.create(modelPath, { logSeverityLevel: 3 });
const feeds = {};
for (const name of session.inputNames) {
  const values = check.inputs[name];
  if (values === undefined) throw new Error(`check file has no input '${name}'`);
  const type = typeof values[0] === 'string' ? 'string' : typeof values[0] === 'boolean' ? 'bool' : 'float32';
  const data = type === 'float32' ? Float32Array.from(values) : values;
  feeds[name] = new ort.Tensor(type, data, [check.rows, 1]);
}
const results = await session.run(feeds);
let max = 0;
for (const [name, expected] of Object.entries(check.expected)) {
  const actual = results[name].data;
  for (let i = 0; i < expected.length; i++) max = Math.max(max, Math.abs(expected[i] - actual[i]));
}
console.log(JSON.stringify({ rows: check.rows, max_abs_difference: max }));
