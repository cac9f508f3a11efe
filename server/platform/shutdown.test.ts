import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD, TEST_NOW } from '../testing/harness.ts';
import { call, eventually, startServer, templateDatabase, type ServerProcess, type TestDatabase } from './server-process.testing.ts';

/** A raw HTTP/1.1 exchange we control byte by byte: a client that sends its body slowly. */
function slowClient(port: number): { socket: Socket; answer: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.setEncoding('utf8').on('data', (c: string) => (text += c));
  const answer = new Promise<string>((resolve, reject) => {
    socket.on('end', () => resolve(text));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
  return { socket, answer };
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });

describe('a server process: request ids in structured logs, graceful shutdown', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  before(async () => {
    db = await templateDatabase();
    // Jobs on: shutdown must stop them too.
    server = await startServer(db, { LIANXIN_JOBS: '1', LIANXIN_NOW: TEST_NOW });
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await db?.drop();
  });

  test('every log line of a request carries its id, which the answer returns in x-request-id; refusals are logged with it', async () => {
    const ok = await call(server.url, 'GET', '/api/v1/health');
    assert.equal(ok.status, 200);
    const broken = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"admin","password":' });
    assert.equal(broken.status, 400);
    const ids = [ok.headers.get('x-request-id'), broken.headers.get('x-request-id')];
    for (const id of ids) assert.match(String(id), /^[0-9a-f-]{36}$/);
    await eventually('the requests are logged', () => ids.every((id) => server.logs().some((l) => l.reqId === id && l.msg === 'request completed')), 5_000);
    const linesOf = (id: string | null) => server.logs().filter((l) => l.reqId === id);
    // Structured (pino JSON): level, time, message, the request and its answer.
    const okLines = linesOf(ids[0]!);
    assert.ok(okLines.some((l) => l.msg === 'incoming request' && (l.req as { url: string }).url === '/api/v1/health'));
    assert.ok(okLines.some((l) => l.msg === 'request completed' && (l.res as { statusCode: number }).statusCode === 200 && typeof l.responseTime === 'number'));
    for (const l of okLines) assert.equal(typeof l.level, 'number');
    // The refusal's own line (code and field) has the same id.
    const refused = linesOf(ids[1]!).find((l) => l.msg === 'request refused');
    assert.ok(refused, 'the refusal is logged with the request id');
    assert.equal(refused.code, 'INVALID_JSON');
  });

  test('SIGTERM: no new connections, a request already received completes with 200, jobs stop, the database closes, exit 0', async () => {
    const body = JSON.stringify({ username: 'admin', password: DEMO_PASSWORD });
    const half = Math.floor(body.length / 2);
    const { socket, answer } = slowClient(server.port);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    // Headers and half the body: the server has the request and waits for the rest.
    socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`);
    const seen = server.logs().length;
    await eventually('the slow request is received', () => server.logs().slice(seen).some((l) => l.msg === 'incoming request' && (l.req as { url: string }).url === '/api/v1/auth/login'), 5_000, 20);

    server.child.kill('SIGTERM');
    await eventually('shutting down', () => server.lines.some((l) => l.includes('正在关闭')), 5_000, 20);
    // The listener is closed: a new client is refused (another process behind nginx takes it).
    await eventually('new connections refused', () => refusesConnections(server.port), 5_000, 50);
    assert.equal(server.child.exitCode, null, 'still running: a request is in flight');

    // The slow client (keep-alive, as browsers are) finishes its body a moment later and gets its
    // full answer; the server then closes the connection instead of waiting for the client to.
    await new Promise((r) => setTimeout(r, 300));
    socket.write(body.slice(half));
    const raw = await answer;
    assert.match(raw, /^HTTP\/1\.1 200 /);
    assert.match(raw, /\r\nconnection: close\r\n/i);
    assert.match(raw, /x-request-id: [0-9a-f-]{36}/i);
    assert.match(raw, /"csrfToken"/);

    const { code, signal } = await server.exited;
    assert.deepEqual({ code, signal }, { code: 0, signal: null });
    const logs = server.logs();
    const stopped = logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('已关闭'));
    assert.ok(stopped, 'the stop is logged');
    // The login finished before the process stopped: the client had its whole 200 before the exit
    // (above). Its log line comes after the shutdown began; where it falls against 已关闭 is up to
    // the logger's asynchronous writes (it came after it once on a loaded CI machine), so not asserted.
    const shuttingAt = logs.findIndex((l) => typeof l.msg === 'string' && l.msg.startsWith('正在关闭'));
    const loginDone = logs.findIndex((l, i) => i > shuttingAt && l.msg === 'request completed' && (l.res as { statusCode: number }).statusCode === 200);
    assert.ok(shuttingAt >= 0 && loginDone > shuttingAt, 'the login is logged as completed after the shutdown began');
    // The login's body (a password) never reaches the log lines.
    assert.ok(!logs.some((l) => JSON.stringify(l).includes(DEMO_PASSWORD)));
    assert.ok(!logs.some((l) => Number(l.level) >= 50), `no errors: ${JSON.stringify(logs.filter((l) => Number(l.level) >= 50)).slice(0, 500)}`);
  });
});
