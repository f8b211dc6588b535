import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A stand-in SDK, written to a directory and loaded by path (`--sdk DIR`), to show the gate both
 * ways: the `good` one calls the contract's paths, tolerates the status family and keeps every
 * field, so the gate must pass it; `int32-ids` squeezes `toObjectId` through a 32-bit integer
 * (hubspot-api-php#261); `wrong-requests` posts configurations to the 2024 path form and drops
 * `from` from associate-default inputs (what the real SDK's serializer does to a plain `{ from }`).
 * Plain CommonJS over `node:http`, shaped like `@hubspot/api-client`
 * (`new Client({ accessToken, basePath }).crm.associations.v4...`).
 */

/** Which fake to write. */
export type FakeSdkKind = 'good' | 'int32-ids' | 'wrong-requests';

const SOURCE = (kind: FakeSdkKind): string => `'use strict';
const http = require('node:http');
const enc = encodeURIComponent;
function send(base, token, method, path, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers = { authorization: 'Bearer ' + token, accept: 'application/json' };
    if (data !== undefined) headers['content-type'] = 'application/json';
    const req = http.request(new URL(path, base), { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        const parsed = text === '' ? undefined : JSON.parse(text);
        if (res.statusCode >= 200 && res.statusCode < 300) resolve(parsed);
        else reject(Object.assign(new Error('HTTP ' + res.statusCode), { code: res.statusCode, body: parsed }));
      });
    });
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}
const squeeze = ${kind === 'int32-ids' ? `(page) => { for (const r of page.results || []) for (const t of r.to || []) t.toObjectId = String(Number(t.toObjectId) | 0); return page; }` : '(page) => page'};
class Client {
  constructor(config) {
    const base = config.basePath || 'https://api.hubapi.com';
    const post = (path, body) => send(base, config.accessToken, 'POST', path, body);
    this.crm = { associations: { v4: {
      batchApi: {
        getPage: (from, to, body) => post('/crm/v4/associations/' + enc(from) + '/' + enc(to) + '/batch/read', body).then(squeeze),
        createDefault: (from, to, body) => post('/crm/v4/associations/' + enc(from) + '/' + enc(to) + '/batch/associate/default', ${kind === 'wrong-requests' ? '{ inputs: body.inputs.map((input) => ({ to: input.to })) }' : 'body'}),
      },
      basicApi: {
        createDefault: (from, fromId, to, toId) => send(base, config.accessToken, 'PUT', '/crm/v4/objects/' + enc(from) + '/' + enc(fromId) + '/associations/default/' + enc(to) + '/' + enc(toId)),
      },
      schema: { definitionConfigurationsApi: {
        batchCreate: (from, to, body) => post('${kind === 'wrong-requests' ? '/crm/v4/associations' : '/crm/associations/v4'}/definitions/configurations/' + enc(from) + '/' + enc(to) + '/batch/create', body),
      } },
    } } };
  }
}
module.exports = { Client };
`;

/** Writes a fake SDK package into `dir/<kind>`; returns its directory. */
export function writeFakeSdk(dir: string, kind: FakeSdkKind): string {
  const root = join(dir, `fake-sdk-${kind}`);
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: `fake-hubspot-sdk-${kind}`, version: '0.0.0', main: 'index.js' }),
  );
  writeFileSync(join(root, 'index.js'), SOURCE(kind));
  return root;
}
