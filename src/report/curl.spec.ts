import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../../properties/run.js';
import type { RecordedRequest } from '../exchange.js';
import { curlCommand, TOKEN_VARIABLE } from './curl.js';

/** What the shell hands curl; never a real token. */
const FAKE_TOKEN = 'pat-na1-fake-token-for-the-shell';

/**
 * The words a real shell makes of a curl line: `curl` is a shell function that prints its arguments NUL-separated,
 * so what comes back is exactly what curl would receive, with `$HUBSPOT_ACCESS_TOKEN` set to a fake.
 */
function shellWords(line: string, shell: 'bash' | 'sh'): string[] {
  const script = `curl() { printf '%s\\0' "$@"; }\n${line}`;
  // No startup file: a user's rc file must not change or slow down what is parsed.
  const options = shell === 'bash' ? ['--norc', '--noprofile', '-c', script] : ['-c', script];
  const out = execFileSync(shell, options, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, [TOKEN_VARIABLE]: FAKE_TOKEN },
  });
  return out.split('\0').slice(0, -1);
}

/** The arguments curl must receive for `request`, the token being the variable's value. */
function expectedWords(request: RecordedRequest): string[] {
  const words = ['--globoff', '-X', request.method, request.url];
  let typed = false;
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === 'authorization') words.push('-H', `Authorization: Bearer ${FAKE_TOKEN}`);
    else words.push('-H', `${name}: ${value}`);
    typed ||= name.toLowerCase() === 'content-type';
  }
  if (request.body !== undefined) {
    if (!typed) words.push('-H', 'Content-Type:');
    words.push('--data-raw', request.body);
  }
  return words;
}

const HOSTILE_BODIES = [
  `{"name":"it's \\"quoted\\""}`,
  'line one\nline two\r\n\ttabbed',
  '$(touch /tmp/hsac-pwned) `touch /tmp/hsac-pwned` ${HOME} $HUBSPOT_ACCESS_TOKEN',
  "'; rm -rf / #",
  '\\\\ back\\slashes \\n',
  'ünïcødé 名前 😀 \u202Eevil\u202C',
  '@/etc/passwd',
  '!history !! !$',
  '',
];

describe('curlCommand', () => {
  const request: RecordedRequest = {
    method: 'POST',
    url: 'http://127.0.0.1:4000/crm/associations/2026-03/contacts/companies/batch/read?archived=false',
    headers: {
      accept: 'application/json',
      'user-agent': 'hsac/0.1.0',
      'content-type': 'application/json',
      authorization: 'Bearer [REDACTED]',
    },
    body: '{"inputs":[{"id":"1"}]}',
  };

  it('reads as a person types it: the token as the variable, in double quotes, all else single-quoted', () => {
    expect(curlCommand(request)).toBe(
      "curl --globoff -X 'POST' " +
        "'http://127.0.0.1:4000/crm/associations/2026-03/contacts/companies/batch/read?archived=false'" +
        " -H 'accept: application/json' -H 'user-agent: hsac/0.1.0' -H 'content-type: application/json'" +
        ` -H "Authorization: Bearer $HUBSPOT_ACCESS_TOKEN" --data-raw '{"inputs":[{"id":"1"}]}'`,
    );
  });

  it.each(['bash', 'sh'] as const)('%s hands curl the exact method, URL, headers and body', (shell) => {
    expect(shellWords(curlCommand(request), shell)).toEqual(expectedWords(request));
  });

  it.each(HOSTILE_BODIES)('a hostile body reaches curl byte for byte, and nothing runs: %j', (body) => {
    const hostile: RecordedRequest = {
      method: 'PUT',
      url: "http://x/a[1]{b,c}/$(id)/'q'?v=`id`",
      headers: { 'x-note': `"${body.slice(0, 20)}"`, authorization: 'Bearer [REDACTED]' },
      body,
    };
    for (const shell of ['bash', 'sh'] as const)
      expect(shellWords(curlCommand(hostile), shell), shell).toEqual(expectedWords(hostile));
  });

  it('a request without a token has no Authorization header; one without a body has no --data-raw', () => {
    const bare: RecordedRequest = { method: 'DELETE', url: 'http://x/y', headers: { accept: 'application/json' } };
    expect(shellWords(curlCommand(bare), 'bash')).toEqual([
      '--globoff',
      '-X',
      'DELETE',
      'http://x/y',
      '-H',
      'accept: application/json',
    ]);
    expect(curlCommand(bare)).not.toContain('Authorization');
  });

  it('never holds the recorded Authorization value, whatever it is; names the variable instead', () => {
    const leaky: RecordedRequest = { ...request, headers: { Authorization: 'Bearer pat-na1-real-token' } };
    const line = curlCommand(leaky);
    expect(line).not.toContain('pat-na1-real-token');
    expect(line).toContain(`"Authorization: Bearer $${TOKEN_VARIABLE}"`);
  });

  it('any method, URL, header and body text (but NUL, which no shell word carries) survives bash', () => {
    // Every ASCII character but NUL, and some that are not ASCII (accents, CJK, an emoji, a right-to-left override).
    const unit = fc.oneof(
      fc.integer({ min: 1, max: 0x7f }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('é', '名', '😀', '\u202E', '\u00A0', '\u2028'),
    );
    const text = fc.string({ unit, maxLength: 40 });
    const requests = fc.record({
      method: text,
      url: text,
      headers: fc.dictionary(
        text.filter((name) => name.toLowerCase() !== 'authorization'),
        text,
        { maxKeys: 3 },
      ),
      body: fc.option(text, { nil: undefined }),
    });
    checkProperty(
      fc.property(requests, ({ body, ...rest }) => {
        const recorded: RecordedRequest = body === undefined ? rest : { ...rest, body };
        expect(shellWords(curlCommand(recorded), 'bash')).toEqual(expectedWords(recorded));
      }),
      { name: 'any method, URL, header and body text', file: 'src/report/curl.spec.ts' },
    );
  });
});
