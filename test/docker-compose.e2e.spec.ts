import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

/**
 * docker-compose.yml as users start it. No container engine runs here, so the file is read as
 * YAML (merge keys resolved) and checked for what each profile promises in README "Scaling out":
 * the services it starts, how they name each other, and that nothing refers to what is not there.
 */
const ROOT = join(__dirname, '..');

interface Service {
  profiles?: string[];
  image?: string;
  build?: string;
  ports?: string[];
  environment?: Record<string, string | number>;
  volumes?: string[];
  depends_on?: Record<string, { condition?: string; required?: boolean }> | string[];
}
// Compose resolves YAML merge keys (`<<: *instance`); js-yaml 5 does only when told.
const compose = load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = Object.entries(compose.services);
/** The services `docker compose --profile <profile> up` starts: those without a profile and those of it. */
const started = (profile?: string) => services.filter(([, s]) => !s.profiles || (profile !== undefined && s.profiles.includes(profile)));
const names = (list: [string, Service][]) => list.map(([n]) => n).sort();
const env = (name: string) => compose.services[name].environment ?? {};
const dependencies = (s: Service) => (Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {}));

it('starts the embedded ledger alone by default, without Kafka', () => {
  expect(names(started())).toEqual(['ledger']);
  expect(env('ledger').LEDGER_STORE).toBeUndefined();
  expect(env('ledger').KAFKA_BROKERS).toBe('${KAFKA_BROKERS:-}');
  expect(compose.services.ledger.depends_on).toEqual({ kafka: { condition: 'service_healthy', required: false } });
});

it('keeps the scaleout profile: PostgreSQL and two instances on it', () => {
  expect(names(started('scaleout'))).toEqual(['ledger', 'ledger-a', 'ledger-b', 'postgres']);
  for (const instance of ['ledger-a', 'ledger-b']) expect(env(instance).LEDGER_STORE).toBe('postgres');
});

describe('the eventstoredb profile', () => {
  const profile = started('eventstoredb');
  const nodes = ['esdb-1', 'esdb-2', 'esdb-3'];
  const instances = ['ledger-esdb-a', 'ledger-esdb-b'];

  it('starts a three-node cluster, PostgreSQL, Kafka, two instances and one proxy', () => {
    expect(names(profile)).toEqual(['esdb-1', 'esdb-2', 'esdb-3', 'kafka-esdb', 'ledger', 'ledger-esdb-a', 'ledger-esdb-b', 'postgres', 'proxy']);
  });

  it('forms one cluster: each node of size 3, advertising itself and seeded with the two others', () => {
    for (const node of nodes) {
      const e = env(node);
      expect(compose.services[node].image).toMatch(/^eventstore\/eventstore:/);
      expect(String(e.EVENTSTORE_CLUSTER_SIZE)).toBe('3');
      expect(e.EVENTSTORE_INSECURE).toBe('true');
      expect(e.EVENTSTORE_NODE_HOST_ADVERTISE_AS).toBe(node);
      expect(e.EVENTSTORE_REPLICATION_HOST_ADVERTISE_AS).toBe(node);
      expect(String(e.EVENTSTORE_GOSSIP_SEED).split(',').sort()).toEqual(nodes.filter((n) => n !== node).map((n) => `${n}:2113`));
    }
    expect(new Set(nodes.map((n) => compose.services[n].volumes![0].split(':')[0])).size).toBe(3);
  });

  it('runs both instances on the cluster, with the keys in PostgreSQL and a broker of the profile', () => {
    for (const instance of instances) {
      const e = env(instance);
      expect(e.LEDGER_STORE).toBe('eventstoredb');
      expect(e.LEDGER_EVENTSTOREDB_URL).toBe('esdb://esdb-1:2113,esdb-2:2113,esdb-3:2113?tls=false');
      expect(new URL(String(e.LEDGER_POSTGRES_URL)).host).toBe('postgres:5432');
      expect(e.KAFKA_BROKERS).toBe('kafka-esdb:9092');
      expect(e.LEDGER_SESSION_SECRET).toMatch(/^\$\{LEDGER_SESSION_SECRET:\?/);
      expect(compose.services[instance].ports).toBeUndefined();
    }
    expect(compose.services[instances[0]].volumes).not.toEqual(compose.services[instances[1]].volumes);
  });

  it('serves both instances through one port, the proxy naming each on its PORT', () => {
    const published = profile.filter(([n, s]) => s.ports && n !== 'ledger');
    expect(names(published)).toEqual(['proxy']);
    const mount = compose.services.proxy.volumes![0].split(':')[0];
    const conf = readFileSync(join(ROOT, mount), 'utf8');
    for (const instance of instances) expect(conf).toContain(`server ${instance}:${env(instance).PORT} `);
    expect(conf).not.toMatch(/proxy_next_upstream[^;]*non_idempotent/);
  });
});

it('refers to no service, volume or file that is not there, nor to one of another profile', () => {
  for (const [name, s] of services) {
    for (const d of dependencies(s)) {
      expect(compose.services[d]).toBeDefined();
      const optional = !Array.isArray(s.depends_on) && s.depends_on?.[d]?.required === false;
      // A dependency must start with every profile that starts its dependent, unless it is optional.
      if (!optional) for (const p of s.profiles ?? [undefined]) expect([name, names(started(p)).includes(d)]).toEqual([name, true]);
    }
    for (const v of s.volumes ?? []) {
      const source = v.split(':')[0];
      if (source.startsWith('.')) expect(existsSync(join(ROOT, source))).toBe(true);
      else expect(Object.keys(compose.volumes)).toContain(source);
    }
  }
});
