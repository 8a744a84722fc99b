import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readGatewayDepartments } from '../../mesh/departments';
import { loadConfig } from '../../src/config';
import { SETTINGS } from '../../src/config/settings';

const ROOT = path.resolve(__dirname, '../..');

interface Service {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  healthcheck?: { test: string[] };
  volumes?: string[];
}

/**
 * No Docker engine runs on our machines (issue 11, Deliver 7): the compose
 * file is checked instead, against the code: its services, their order,
 * health checks, ports, and every variable given to the hub and the gateway
 * is a setting the code reads (or a credential a department file names).
 */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
  const services = compose.services;
  const settingNames = new Set(Object.values(SETTINGS).map((s) => s.env));
  const deployDir = path.join(ROOT, 'deploy/departments');

  it('runs PostgreSQL, the hub, the gateway and every simulator, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'hub', 'population-sim', 'postgres', 'so-nnmt-sim', 'ubnd-tinh-sim']);
    for (const [name, service] of Object.entries(services)) expect(service.healthcheck?.test.length, name).toBeGreaterThan(0);
  });

  it('starts each service after what it needs is healthy', () => {
    expect(services.hub.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      'population-sim': { condition: 'service_healthy' },
      'so-nnmt-sim': { condition: 'service_healthy' },
      'ubnd-tinh-sim': { condition: 'service_healthy' },
    });
    expect(services.gateway.depends_on).toEqual({ hub: { condition: 'service_healthy' } });
  });

  it('gives the hub and the gateway only settings the code reads, or credentials their department files name', () => {
    // Each reads the files with its own environment: a credential the file names but the service lacks stops this.
    readGatewayDepartments(deployDir, services.gateway.environment!);
    const departments = readGatewayDepartments(deployDir, services.hub.environment!);
    const named = new Set(
      departments.flatMap((d) => [d.credentials.usernameEnv, d.credentials.passwordEnv]).concat(['UBND_TINH_PUSH_USERNAME', 'UBND_TINH_PUSH_PASSWORD']),
    );
    for (const name of ['hub', 'gateway']) {
      for (const key of Object.keys(services[name].environment ?? {})) expect(settingNames.has(key) || named.has(key), `${name}: ${key}`).toBe(true);
    }
    const hub = services.hub.environment!;
    // Their settings load as the code reads them (the department files from this checkout instead of the image's path).
    for (const name of ['hub', 'gateway']) expect(() => loadConfig({ ...services[name].environment!, DEPARTMENTS_DIR: deployDir }), name).not.toThrow();
    expect(hub.DATABASE_URL).toMatch(/^postgres:\/\/\w+:\w+@postgres:5432\//);
    expect(hub.POPULATION_URL).toBe('http://population-sim:4101/dancu');
    expect(services.gateway.environment!.HUB_URL).toBe(`http://hub:${hub.PORT}/graphql`);
  });

  it('publishes the hub and the gateway on the ports their settings give, and each health check asks that port', () => {
    const hub = services.hub;
    const gateway = services.gateway;
    expect(hub.ports).toEqual([`${hub.environment!.PORT}:${hub.environment!.PORT}`]);
    expect(gateway.ports).toEqual([`${gateway.environment!.GATEWAY_PORT}:${gateway.environment!.GATEWAY_PORT}`]);
    expect(hub.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${hub.environment!.PORT}/readyz`);
    expect(gateway.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${gateway.environment!.GATEWAY_PORT}/healthz`);
    expect(gateway.command).toEqual(['node', 'dist/mesh/gateway.cli.js']);
  });

  it('points the department files at the simulator services, on the ports and paths those simulators serve', () => {
    const departments = readGatewayDepartments(deployDir, services.hub.environment!);
    const simulatorFor: Record<string, { service: string; path: string; kind: string }> = {
      'so-nnmt': { service: 'so-nnmt-sim', path: '/motcua', kind: 'polled' },
      'ubnd-tinh': { service: 'ubnd-tinh-sim', path: '/qlvb', kind: 'pushing' },
    };
    expect(departments.map((d) => d.name).sort()).toEqual(Object.keys(simulatorFor).sort());
    for (const department of departments) {
      const { service, path: at, kind } = simulatorFor[department.name];
      const simulator = services[service];
      expect(simulator.command).toEqual(['node', 'dist/connectors/department/simulator.cli.js', kind]);
      expect(department.url).toBe(`http://${service}:${simulator.environment!.SIM_DEPARTMENT_PORT}${at}`);
      expect(simulator.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${simulator.environment!.SIM_DEPARTMENT_PORT}${at}?wsdl`);
      // The credentials the hub and the gateway send are the ones the simulator accepts.
      for (const name of ['hub', 'gateway']) {
        const env = services[name].environment!;
        expect(env[department.credentials.usernameEnv!], `${name} ${department.name}`).toBe(simulator.environment!.SIM_DEPARTMENT_USERNAME);
        expect(env[department.credentials.passwordEnv!], `${name} ${department.name}`).toBe(simulator.environment!.SIM_DEPARTMENT_PASSWORD);
      }
    }
    // The pushing department reports to the hub's endpoint with the credentials the hub's file expects of it.
    const pushing = services['ubnd-tinh-sim'].environment!;
    expect(pushing.SIM_DEPARTMENT_HUB_URL).toBe(`http://hub:${services.hub.environment!.PORT}/soap/lien-thong`);
    expect(services.hub.environment!.UBND_TINH_PUSH_USERNAME).toBe(pushing.SIM_DEPARTMENT_HUB_USERNAME);
    expect(services.hub.environment!.UBND_TINH_PUSH_PASSWORD).toBe(pushing.SIM_DEPARTMENT_HUB_PASSWORD);
  });

  it('builds one image whose runtime holds what the gateway and the department files read', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/COPY mesh \.\/mesh/);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/schema \.\/schema/);
    expect(dockerfile).toMatch(/COPY deploy \.\/deploy/);
    for (const name of ['hub', 'gateway']) expect(services[name].environment!.DEPARTMENTS_DIR).toBe('/app/deploy/departments');
  });
});
