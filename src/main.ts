import 'reflect-metadata';
import { departmentConnector } from '../connectors';
import { readGatewayDepartments } from '../mesh/departments';
import { gatewayLog, startGateway, type RunningGateway } from '../mesh/gateway';
import { loadConfigOrExit } from './config';
import { ConfigError } from './errors';
import { startHub } from './hub';
import { createLogger, describeError } from './shared/logger';

// Everything the hub creates (the embedded database, its lock, the generated token secret) is the owner's alone.
process.umask(0o077);

/** `npm start`: read the settings, start the hub, stop cleanly on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfigOrExit('lienthong', process.env);
  const logger = createLogger(config.log);
  // Node would print these errors whole on stderr (a failed statement with its values): log them masked, then stop as Node would.
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    process.exit(1);
  });
  const hub = await startHub(config, { logger });
  const where = config.database.url ? 'PostgreSQL at DATABASE_URL' : `embedded PostgreSQL in ${config.database.dataDir}`;
  logger.info(`Liên thông hub ready: GraphQL at ${hub.url}/graphql (${where})`);

  let gateway: RunningGateway | null = null;
  if (config.gateway.enabled) {
    // The same department files as the hub; a simulated department's calls go to the simulator the hub started.
    const departments = config.departments.enabled ? readGatewayDepartments(config.departments.dir ?? undefined, process.env) : [];
    const simulated = new Map(hub.connectors.ofKind(departmentConnector).flatMap((i) => (i.simulator ? [[i.name, i.simulator.simulator.url] as const] : [])));
    gateway = await startGateway({
      hubUrl: `${hub.url}/graphql`,
      departments,
      departmentUrls: simulated,
      host: config.server.host,
      port: config.gateway.port,
      log: gatewayLog(logger),
    });
    logger.info(`GraphQL gateway ready: ${gateway.url}/graphql (the hub and ${departments.length} department systems)`);
  }

  const shutdown = (signal: string) => {
    logger.info(`${signal}: draining HTTP requests and closing the database`);
    (gateway ? gateway.stop() : Promise.resolve())
      .then(() => hub.stop())
      .then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Settings checked at start (the instances of CONNECTORS, against their kind) are configuration too: exit 2 as above.
  if (error instanceof ConfigError) {
    console.error(`lienthong: ${error.message}`);
    process.exit(2);
  }
  console.error('lienthong: could not start:', describeError(error));
  process.exit(1);
});
