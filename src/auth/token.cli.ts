import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { describeError } from '../shared/logger';
import { mintToken } from './mint-token';
import { localSecret } from './secret';
import { Role } from './viewer';

const USAGE = `usage: npm run token -- --role CITIZEN|OFFICER|SUPERVISOR [--name NAME] [--agency CODE] [--personal-id 12DIGITS] [--sub ID] [--expires 8h]

Prints a bearer token signed with JWT_SECRET (or the secret the hub generated
in DATA_DIR/jwt-secret), for trying the hub:
  curl -H "Authorization: Bearer $(npm run -s token -- --role OFFICER --agency 000.00.91.H56)" ...`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
      agency: { type: 'string' },
      'personal-id': { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const roles = (values.role ?? []).map((r) => r.toUpperCase());
  if (values.help || roles.length === 0 || !roles.every((r) => r in Role)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig(process.env);
  if (config.auth.jwksUrl) {
    console.error('JWT_JWKS_URL is set: tokens come from that identity provider, not from this command.');
    return 2;
  }
  const secret = config.auth.jwtSecret ?? localSecret(config.database.dataDir).secret;
  const token = await mintToken(
    {
      sub: values.sub ?? `${roles[0]?.toLowerCase() ?? 'user'}-${Date.now()}`,
      name: values.name ?? 'Người dùng thử',
      roles: roles as Role[],
      ...(values.agency ? { agency: values.agency } : {}),
      ...(values['personal-id'] ? { personalId: values['personal-id'] } : {}),
    },
    secret,
    values.expires,
  );
  console.log(token);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(describeError(error));
    process.exitCode = 1;
  },
);
