import { loadConfigOrExit } from '../src/config';
import { createLogger, describeError } from '../src/shared/logger';
import { readGatewayDepartments } from './departments';
import { gatewayLog, startGateway } from './gateway';

/**
 * `npm run gateway`: the gateway on its own, in front of a hub that runs
 * elsewhere (HUB_URL) and of the department systems of DEPARTMENTS_DIR
 * that have a `url` (a simulated department's address is known only to the
 * hub that started it: run the gateway beside that hub, GATEWAY_ENABLED).
 * Stops cleanly on SIGTERM or SIGINT.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit('gateway', process.env);
  const logger = createLogger(config.log);
  const all = config.departments.enabled ? readGatewayDepartments(config.departments.dir ?? undefined, process.env) : [];
  const departments = all.filter((d) => d.url !== null);
  for (const d of all) if (d.url === null) logger.warn(`gateway: ${d.name} is simulated (no url in its file): its register and records are not reachable from a gateway on its own`);
  const hubUrl = config.gateway.hubUrl ?? `http://127.0.0.1:${config.server.port}/graphql`;
  const gateway = await startGateway({
    hubUrl,
    departments,
    departmentUrls: new Map(),
    host: config.server.host,
    port: config.gateway.port,
    log: gatewayLog(logger),
  });
  logger.info(`GraphQL gateway ready: ${gateway.url}/graphql, in front of ${hubUrl} and ${departments.length} department systems`);
  const shutdown = (signal: string) => {
    logger.info(`${signal}: stopping the gateway`);
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping the gateway');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('gateway: could not start:', describeError(error));
  process.exit(1);
});
