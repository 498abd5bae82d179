import { buildGateway } from './app';
import { gatewayConfigFromEnv } from './config';

async function main(): Promise<void> {
  const config = gatewayConfigFromEnv();
  const app = await buildGateway(config);
  const close = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  await app.listen({ host: config.host, port: config.port });
  const routes = config.upstreams.map(({ name, url }) => `/api/${name} → ${url}`).join(', ');
  app.log.info(`gateway listening on ${config.tls ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port} (portal: ${config.portalDist}; ${routes})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
