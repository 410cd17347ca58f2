'use strict';
// Runs s3rver (an S3-compatible server) for Gyre's tests.
// Usage: node s3-server.js <node_modules folder> <data folder> <bucket>
// Listens on 127.0.0.1 on a free port and prints one line, {"port":N}, once it accepts requests.
// Exits when its standard input closes, so it never outlives the test process that started it.
//
// s3rver writes an object in place and answers before the last bytes reach the file, so a reader can
// see a partial object and concurrent writers of one key can interleave. Amazon S3 replaces an object
// atomically, and the repository contract tests exactly that, so putObject is replaced below by one
// that writes a temporary file and renames it (with the object's md5/metadata, under a per-key lock).
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { Readable, Transform } = require('stream');
const { pipeline } = require('stream/promises');

const [modules, directory, bucket] = process.argv.slice(2);
if (!modules || !directory || !bucket) {
  console.error('usage: node s3-server.js <node_modules folder> <data folder> <bucket>');
  process.exit(2);
}

const S3rver = require(path.join(modules, 's3rver'));
const FilesystemStore = require(path.join(modules, 's3rver', 'lib', 'stores', 'filesystem'));

const keyLocks = new Map();

async function underKeyLock(lockKey, action) {
  const previous = keyLocks.get(lockKey) || Promise.resolve();
  const current = previous.then(action, action);
  const settled = current.catch(() => {});
  keyLocks.set(lockKey, settled);
  try {
    return await current;
  } finally {
    if (keyLocks.get(lockKey) === settled) keyLocks.delete(lockKey);
  }
}

FilesystemStore.prototype.putObject = async function putObject(object) {
  const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
  const folder = path.dirname(objectPath);
  await fs.promises.mkdir(folder, { recursive: true });
  const temp = path.join(folder, `.gyre-upload-${crypto.randomBytes(12).toString('hex')}`);
  const md5Context = crypto.createHash('md5');
  let size = 0;
  const source = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
  try {
    await pipeline(
      source,
      new Transform({
        transform(chunk, encoding, callback) {
          md5Context.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      }),
      fs.createWriteStream(temp),
    );
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
  const md5 = md5Context.digest('hex');
  await underKeyLock(objectPath, async () => {
    await this.putMetadata(object.bucket, object.key, object.metadata, md5);
    await fs.promises.rename(temp, objectPath);
  });
  return { size, md5 };
};

const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});

server.run().then(
  address => {
    process.stdout.write(JSON.stringify({ port: address.port }) + '\n');
  },
  err => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  },
);

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
