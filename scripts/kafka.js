#!/usr/bin/env node
// A single-node Apache Kafka 4 broker (KRaft) on 127.0.0.1 for the tests and for local work.
// `node scripts/kafka.js start` returns once the broker accepts connections; `stop` stops it.
// The broker's jars come from Maven Central through kafka/pom.xml; its state lives in .kafka/.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const HOME = path.join(ROOT, '.kafka');
const POM = path.join(ROOT, 'kafka', 'pom.xml');

const settings = (env = process.env) => {
  const port = Number(env.KAFKA_PORT || 9092);
  const controllerPort = Number(env.KAFKA_CONTROLLER_PORT || port + 1);
  const dataDir = path.resolve(env.KAFKA_DATA_DIR || path.join(HOME, `data-${port}`));
  return { port, controllerPort, dataDir, pidFile: path.join(HOME, `broker-${port}.pid`), logFile: path.join(HOME, `broker-${port}.log`) };
};

const say = (line) => process.stderr.write(`[kafka] ${line}\n`);

/** Asks Maven once for the broker's classpath; refreshed when the pom changes. */
const classpath = () => {
  const file = path.join(HOME, 'classpath.txt');
  const stale = !fs.existsSync(file) || fs.statSync(file).mtimeMs < fs.statSync(POM).mtimeMs;
  if (stale) {
    say('resolving Apache Kafka and a log4j2 backend from Maven Central (first time only)');
    execFileSync('mvn', ['-q', '-B', '-Dstyle.color=never', '-f', POM, 'dependency:build-classpath', `-Dmdep.outputFile=${file}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return fs.readFileSync(file, 'utf8').trim();
};

const writeConfig = ({ port, controllerPort, dataDir }) => {
  fs.mkdirSync(dataDir, { recursive: true });
  const props = path.join(dataDir, 'server.properties');
  fs.writeFileSync(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${path.join(dataDir, 'logs')}`,
      'num.partitions=3',
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'min.insync.replicas=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=true',
      '',
    ].join('\n'),
  );
  const log4j = path.join(dataDir, 'log4j2.properties');
  fs.writeFileSync(
    log4j,
    [
      'appender.console.type=Console',
      'appender.console.name=STDOUT',
      'appender.console.layout.type=PatternLayout',
      'appender.console.layout.pattern=[%d] %p %m (%c)%n',
      'rootLogger.level=WARN',
      'rootLogger.appenderRef.stdout.ref=STDOUT',
      // The line that says the broker is up.
      'logger.server.name=kafka.server.KafkaRaftServer',
      'logger.server.level=INFO',
      '',
    ].join('\n'),
  );
  return { props, log4j };
};

const accepts = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const readPid = (pidFile) => (fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : null);

async function start(env = process.env) {
  const s = settings(env);
  fs.mkdirSync(HOME, { recursive: true });
  const running = readPid(s.pidFile);
  if (running && alive(running) && (await accepts(s.port))) {
    say(`already running on 127.0.0.1:${s.port} (pid ${running})`);
    return s;
  }
  if (await accepts(s.port)) throw new Error(`port ${s.port} is taken by something else; set KAFKA_PORT`);
  const cp = classpath();
  const { props, log4j } = writeConfig(s);
  const java = ['-Xms128m', '-Xmx512m', `-Dlog4j2.configurationFile=${log4j}`, '-cp', cp];
  if (!fs.existsSync(path.join(s.dataDir, 'logs', 'meta.properties'))) {
    const clusterId = randomBytes(16).toString('base64url');
    execFileSync('java', [...java, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', props], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const out = fs.openSync(s.logFile, 'a');
  const child = spawn('java', [...java, 'kafka.Kafka', props], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  fs.writeFileSync(s.pidFile, String(child.pid));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (!alive(child.pid)) break;
    const log = fs.readFileSync(s.logFile, 'utf8');
    if (/Kafka Server started/.test(log.slice(-20_000)) && (await accepts(s.port))) {
      say(`broker up on 127.0.0.1:${s.port} (pid ${child.pid}, data in ${s.dataDir})`);
      return s;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const tail = fs.readFileSync(s.logFile, 'utf8').split('\n').slice(-30).join('\n');
  if (alive(child.pid)) process.kill(child.pid, 'SIGKILL');
  throw new Error(`the broker did not start; the end of ${s.logFile}:\n${tail}`);
}

async function stop(env = process.env) {
  const s = settings(env);
  const pid = readPid(s.pidFile);
  if (!pid || !alive(pid)) {
    say('no broker running');
    if (fs.existsSync(s.pidFile)) fs.rmSync(s.pidFile);
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(s.pidFile, { force: true });
  say(`broker on 127.0.0.1:${s.port} stopped`);
}

module.exports = { start, stop, settings };

if (require.main === module) {
  const command = process.argv[2];
  const run = command === 'start' ? start : command === 'stop' ? stop : null;
  if (!run) {
    say('usage: node scripts/kafka.js start|stop');
    process.exit(2);
  }
  run().catch((e) => {
    say(e.message);
    process.exit(1);
  });
}
