import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTOR_KINDS } from '../../connectors';
import { loadConfig } from '../../src/config';
import { ConfigError } from '../../src/errors';
import { resolveConnectorInstances } from '../../src/integration/connector-instances';

let dir: string;
let count = 0;

/** A CONNECTORS file holding `content` (JSON unless a string), owner-only unless `mode` says otherwise. */
function connectorsFile(content: unknown, mode = 0o600): string {
  count += 1;
  const file = path.join(dir, `connectors-${count}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  chmodSync(file, mode);
  return file;
}

/** The problems a start with these settings stops on: from reading the settings, then from checking each instance against its kind. */
function problems(env: Record<string, string>): string[] {
  try {
    resolveConnectorInstances(loadConfig({ DEPARTMENTS_ENABLED: 'false', ...env }).connectors.instances, CONNECTOR_KINDS);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lienthong-connectors-config-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('connector instances', () => {
  it('without CONNECTORS (and without departments), there are `population` and `payment`, `population` configured by the POPULATION_* settings exactly as before', () => {
    const config = loadConfig({
      DEPARTMENTS_ENABLED: 'false',
      POPULATION_URL: 'https://dancu.example.gov.vn/dancu',
      POPULATION_USERNAME: 'hub',
      POPULATION_PASSWORD: 'secret',
      POPULATION_TIMEOUT_MS: '1500',
      POPULATION_RETRIES: '1',
      POPULATION_BREAKER_THRESHOLD: '7',
      POPULATION_BREAKER_COOLDOWN_MS: '9000',
      POPULATION_SIMULATOR_PORT: '4101',
    });
    const [population, ...others] = resolveConnectorInstances(config.connectors.instances, CONNECTOR_KINDS);
    expect(others.map((i) => i.name)).toEqual(['payment', 'postal', 'portal']);
    expect(population.name).toBe('population');
    expect(population.definition.kind).toBe('population');
    expect(population.config).toEqual({
      url: 'https://dancu.example.gov.vn/dancu',
      username: 'hub',
      password: 'secret',
      simulatorPort: 4101,
      resilience: { timeoutMs: 1500, retries: 1, retryDelayMs: 200, breakerThreshold: 7, breakerCooldownMs: 9000 },
    });
    // The population area stays as it was for whoever reads it.
    expect(config.population).toMatchObject({ url: 'https://dancu.example.gov.vn/dancu', username: 'hub', password: 'secret', simulatorPort: 4101 });
  });

  it('with defaults, `population` runs on its simulator with the simulator\'s credentials and the documented resilience', () => {
    const [population] = resolveConnectorInstances(loadConfig({}).connectors.instances, CONNECTOR_KINDS);
    expect(population.config).toEqual({
      url: undefined,
      username: 'lienthong-hub',
      password: 'simulator',
      simulatorPort: 0,
      resilience: { timeoutMs: 5000, retries: 2, retryDelayMs: 200, breakerThreshold: 5, breakerCooldownMs: 30000 },
    });
  });

  it('adds the instances of the CONNECTORS file after `population`, with the kind\'s defaults for what they leave out', () => {
    const file = connectorsFile([
      { name: 'population-hn', kind: 'population', url: 'https://dancu-hn.example.gov.vn/dancu', username: 'hn', password: 'p', resilience: { timeoutMs: 2000 } },
      { name: 'population-hcm', kind: 'population', system: 'CSDL dân cư TP.HCM', simulatorPort: 4102 },
    ]);
    const instances = resolveConnectorInstances(loadConfig({ CONNECTORS: file }).connectors.instances, CONNECTOR_KINDS);
    // Then the department files' instances (by default the two simulated departments).
    expect(instances.map((i) => i.name)).toEqual(['population', 'payment', 'postal', 'portal', 'population-hn', 'population-hcm', 'so-nnmt', 'ubnd-tinh']);
    expect(instances[4].config).toEqual({
      url: 'https://dancu-hn.example.gov.vn/dancu',
      username: 'hn',
      password: 'p',
      simulatorPort: 0,
      resilience: { timeoutMs: 2000, retries: 2, retryDelayMs: 200, breakerThreshold: 5, breakerCooldownMs: 30000 },
    });
    expect(instances[5].config).toMatchObject({ system: 'CSDL dân cư TP.HCM', simulatorPort: 4102, username: 'lienthong-hub' });
    expect(instances[5].config.url).toBeUndefined();
  });

  it('the PAYMENT_* settings configure `payment`: the platform, or its simulator signing with a secret of this process', () => {
    const real = resolveConnectorInstances(
      loadConfig({ DEPARTMENTS_ENABLED: 'false', PAYMENT_URL: 'https://thanhtoan.dichvucong.gov.vn', PAYMENT_PARTNER_CODE: 'TTPVHCC-H56', PAYMENT_SECRET: 'a-partner-secret-of-the-centre', PAYMENT_TIMEOUT_MS: '8000' }).connectors.instances,
      CONNECTOR_KINDS,
    ).find((i) => i.name === 'payment');
    expect(real?.definition.kind).toBe('payment');
    expect(real?.config).toMatchObject({ url: 'https://thanhtoan.dichvucong.gov.vn', partnerCode: 'TTPVHCC-H56', secret: 'a-partner-secret-of-the-centre', resilience: { timeoutMs: 8000 } });
    const simulated = resolveConnectorInstances(loadConfig({}).connectors.instances, CONNECTOR_KINDS).find((i) => i.name === 'payment');
    expect(simulated?.config).toMatchObject({ partnerCode: 'TTPVHCC-H56' });
    expect(simulated?.config.url).toBeUndefined();
    expect(String((simulated?.config as { secret?: string } | undefined)?.secret).length).toBeGreaterThanOrEqual(16);
    expect(problems({ PAYMENT_URL: 'https://thanhtoan.dichvucong.gov.vn' })).toEqual([
      'PAYMENT_PARTNER_CODE must be set when PAYMENT_URL is set',
      'PAYMENT_SECRET must be set when PAYMENT_URL is set',
    ]);
    expect(problems({ PAYMENT_SECRET: 'short' })).toEqual([expect.stringMatching(/^PAYMENT_SECRET must be 16 characters at least/)]);
  });

  it('the PORTAL_* settings configure `portal`: the national portal, or its simulator with a password of this process and SIM_PORTAL_*', () => {
    const real = resolveConnectorInstances(
      loadConfig({ DEPARTMENTS_ENABLED: 'false', PORTAL_URL: 'https://adapter.dichvucong.gov.vn', PORTAL_USERNAME: 'thanhhoa', PORTAL_PASSWORD: 'mat-khau-cua-tinh', PORTAL_AGENCY_CODE: '000.00.00.H56', PORTAL_TIMEOUT_MS: '6000' }).connectors.instances,
      CONNECTOR_KINDS,
    ).find((i) => i.name === 'portal');
    expect(real?.definition.kind).toBe('portal');
    expect(real?.config).toMatchObject({ url: 'https://adapter.dichvucong.gov.vn', username: 'thanhhoa', password: 'mat-khau-cua-tinh', agencyCode: '000.00.00.H56', resilience: { timeoutMs: 6000 } });
    const simulated = resolveConnectorInstances(loadConfig({ SIM_PORTAL_DELAY_MS: '250', SIM_PORTAL_DOWN: 'true' }).connectors.instances, CONNECTOR_KINDS).find((i) => i.name === 'portal');
    expect(simulated?.config).toMatchObject({ username: 'ttpvhcc-h56', agencyCode: 'H56', simulatorDelayMs: 250, simulatorDown: true });
    expect(simulated?.config.url).toBeUndefined();
    expect(problems({ PORTAL_URL: 'https://adapter.dichvucong.gov.vn' })).toEqual([
      'PORTAL_USERNAME must be set when PORTAL_URL is set',
      'PORTAL_PASSWORD must be set when PORTAL_URL is set',
    ]);
    expect(problems({ PORTAL_PASSWORD: 'short' })).toEqual([expect.stringMatching(/^PORTAL_PASSWORD must be 8 characters at least/)]);
    expect(problems({ PORTAL_AGENCY_CODE: 'H 56' })).toEqual([expect.stringMatching(/^PORTAL_AGENCY_CODE must be letters, digits/)]);
  });

  it('the POSTAL_* settings configure `postal`: the gateway, or its simulator with a secret of this process and SIM_POSTAL_*', () => {
    const real = resolveConnectorInstances(
      loadConfig({
        DEPARTMENTS_ENABLED: 'false',
        POSTAL_URL: 'https://lgsp.thanhhoa.gov.vn/vnpost',
        POSTAL_CLIENT_ID: 'ttpvhcc',
        POSTAL_CLIENT_SECRET: 'a-client-secret-of-the-centre',
        POSTAL_CUSTOMER_CODE: 'C0038001',
        POSTAL_TIMEOUT_MS: '7000',
      }).connectors.instances,
      CONNECTOR_KINDS,
    ).find((i) => i.name === 'postal');
    expect(real?.definition.kind).toBe('postal');
    expect(real?.config).toMatchObject({ url: 'https://lgsp.thanhhoa.gov.vn/vnpost', clientId: 'ttpvhcc', clientSecret: 'a-client-secret-of-the-centre', customerCode: 'C0038001', resilience: { timeoutMs: 7000 } });
    const simulated = resolveConnectorInstances(loadConfig({ SIM_POSTAL_DELIVERY_MS: '500', SIM_POSTAL_OUTCOME: 'LOST' }).connectors.instances, CONNECTOR_KINDS).find((i) => i.name === 'postal');
    expect(simulated?.config).toMatchObject({ customerCode: 'TTPVHCC-H56', simulatorDeliveryMs: 500, simulatorOutcome: 'LOST' });
    expect(simulated?.config.url).toBeUndefined();
    expect(String((simulated?.config as { clientSecret?: string } | undefined)?.clientSecret).length).toBeGreaterThanOrEqual(16);
    expect(problems({ POSTAL_URL: 'https://lgsp.thanhhoa.gov.vn/vnpost' })).toEqual([
      'POSTAL_CLIENT_ID must be set when POSTAL_URL is set',
      'POSTAL_CLIENT_SECRET must be set when POSTAL_URL is set',
      'POSTAL_CUSTOMER_CODE must be set when POSTAL_URL is set',
    ]);
    expect(problems({ SIM_POSTAL_OUTCOME: 'STOLEN' })).toEqual([expect.stringMatching(/^SIM_POSTAL_OUTCOME must be DELIVERED, FAILED, LOST or SILENT/)]);
    expect(problems({ POSTAL_SENDER_PHONE: 'không có' })).toEqual([expect.stringMatching(/^POSTAL_SENDER_PHONE must be a phone number/)]);
  });

  describe('a bad CONNECTORS file stops the start, naming the file, the entry and the field', () => {
    it('refuses a file other users may read (it may hold credentials), or one that cannot be read', () => {
      const open = connectorsFile([], 0o644);
      expect(problems({ CONNECTORS: open })).toEqual([expect.stringMatching(new RegExp(`^CONNECTORS \\(${open}\\) may be read or written by other users`))]);
      expect(problems({ CONNECTORS: path.join(dir, 'missing.json') })).toEqual([expect.stringMatching(/^CONNECTORS \(.*missing\.json\) cannot be read \(ENOENT\)/)]);
    });

    it.each([
      ['not JSON', '[{ name: population-hn }]', /^CONNECTORS \(.*\) is not JSON/],
      ['not an array', { name: 'population-hn', kind: 'population' }, /^CONNECTORS \(.*\) must hold a JSON array of instances/],
      ['an entry that is not an object', ['population-hn'], /^CONNECTORS \(.*\) \[0\] must be an object with "name" and "kind"/],
      ['a name that is not one', [{ name: 'Population HN', kind: 'population' }], /^CONNECTORS \(.*\) \[0\]\.name must be a lower-case name/],
      ['the name of the POPULATION_* instance', [{ name: 'population', kind: 'population' }], /^CONNECTORS \(.*\) \[0\]\.name "population" is taken \(by the POPULATION_\* settings\)/],
      ['the name of the database check', [{ name: 'database', kind: 'population' }], /^CONNECTORS \(.*\) \[0\]\.name "database" is taken/],
      ['a name used twice', [{ name: 'population-hn', kind: 'population' }, { name: 'population-hn', kind: 'population' }], /^CONNECTORS \(.*\) \[1\]\.name "population-hn" is used by another instance/],
      ['no kind', [{ name: 'population-hn' }], /^CONNECTORS \(.*\) \[0\] "population-hn"\.kind must name a connector kind/],
      ['a department (they have files of their own)', [{ name: 'so-xd', kind: 'department', url: 'https://motcua.soxd.example.gov.vn' }], /^CONNECTORS \(.*\) \[0\] "so-xd": department systems are configured by one file each in DEPARTMENTS_DIR/],
      ['an unknown kind', [{ name: 'post-vn', kind: 'vnpost' }], /^CONNECTORS \(.*\) \[0\] "post-vn"\.kind "vnpost" is not a connector kind \(known: population, department, payment, postal, portal\)/],
      ['a bad value', [{ name: 'population-hn', kind: 'population', resilience: { timeoutMs: 0 } }], /^CONNECTORS \(.*\) \[0\] "population-hn"\.resilience\.timeoutMs must be between 1 and 120000/],
      ['a bad url', [{ name: 'population-hn', kind: 'population', url: 'ftp://x', username: 'hn', password: 'p' }], /^CONNECTORS \(.*\) \[0\] "population-hn"\.url must be an http\(s\) URL/],
      ['a mistyped field', [{ name: 'population-hn', kind: 'population', pasword: 'x' }], /^CONNECTORS \(.*\) \[0\] "population-hn" .*pasword/],
    ])('%s', (_, content, message) => {
      const found = problems({ CONNECTORS: connectorsFile(content) });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(message);
    });

    it('a url without credentials names both missing fields', () => {
      const found = problems({ CONNECTORS: connectorsFile([{ name: 'population-hn', kind: 'population', url: 'https://dancu-hn.example.gov.vn/dancu' }]) });
      expect(found).toEqual([
        expect.stringMatching(/\[0\] "population-hn"\.username must be set when url is set$/),
        expect.stringMatching(/\[0\] "population-hn"\.password must be set when url is set$/),
      ]);
    });

    it('reports the problems of every entry at once', () => {
      const found = problems({
        CONNECTORS: connectorsFile([
          { name: 'population-hn', kind: 'population', simulatorPort: 'eighty' },
          { name: 'population-hcm', kind: 'population', resilience: { retries: 99 } },
        ]),
      });
      expect(found.map((p) => /"(population-[a-z]+)"\.([a-zA-Z.]+)/.exec(p)?.slice(1))).toEqual([
        ['population-hn', 'simulatorPort'],
        ['population-hcm', 'resilience.retries'],
      ]);
    });
  });
});
