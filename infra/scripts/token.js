#!/usr/bin/env node
// Mints a development JWT: npm run -s token -- --role school-staff --school S001 --sub li.lei [--name 李雷] [--posts dormitory-manager] [--ttl 8h]
// Plain CommonJS so it runs without a build. Keep the roles, posts and defaults in step with
// libs/auth/src/roles.ts, libs/contracts' ACCOUNT_POSTS and libs/auth/src/config.ts (libs/auth/src/token-script.spec.ts checks).
'use strict';
const { parseArgs } = require('node:util');
const jwt = require('jsonwebtoken');

const ROLES = ['school-staff', 'school-admin', 'bureau-official', 'auditor', 'system-admin'];
const SCHOOL_ROLES = ['school-staff', 'school-admin'];
// libs/contracts' ACCOUNT_POSTS (岗位); token-script.spec.ts fails when this lacks one of them.
const POSTS = ['logistics-director', 'canteen-manager', 'canteen-staff', 'guard', 'maintenance', 'school-doctor', 'safety-officer', 'dormitory-manager', 'bus-manager', 'asset-manager', 'teacher', 'principal'];
const DEV_JWT_SECRET = 'houqin-dev-secret-change-me-0123456789';

const USAGE = `Usage: npm run -s token -- --role <role> --sub <user id> [--school <school id>] [--name <display name>] [--posts <post,...>] [--ttl 8h]

  --role    one of ${ROLES.join(', ')}
  --school  required for ${SCHOOL_ROLES.join(' and ')}, refused for the other roles
  --sub     the user id (JWT subject)
  --name    display name, e.g. 李雷
  --posts   岗位 (claim posts), comma-separated or repeated, for ${SCHOOL_ROLES.join(' and ')} only:
            ${POSTS.join(', ')}
  --ttl     lifetime: seconds or a number with s, m, h or d (default 8h)

Only with HOUQIN_DEV_AUTH=1 (development; refused otherwise and with NODE_ENV=production).
Signs with JWT_PRIVATE_KEY (RS256) when set, else JWT_SECRET (HS256), else the development secret.
JWT_AUDIENCE (default houqin) and JWT_ISSUER (default houqin-dev) must match the services.`;

function misuse(message) {
  process.stderr.write(`token: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parse(argv) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        school: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        posts: { type: 'string', multiple: true },
        ttl: { type: 'string', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return misuse(error.message);
  }
}

function claimsOf(args) {
  if (!args.role) misuse('--role is required');
  if (!ROLES.includes(args.role)) misuse(`unknown role ${args.role}`);
  if (!args.sub || !args.sub.trim()) misuse('--sub is required');
  const schoolRole = SCHOOL_ROLES.includes(args.role);
  if (schoolRole && !(args.school && args.school.trim())) misuse(`--school is required for ${args.role}`);
  if (!schoolRole && args.school !== undefined) misuse(`--school is not allowed for ${args.role}`);
  if (!/^\d+[smhd]?$/.test(args.ttl)) misuse(`invalid --ttl ${args.ttl}`);
  const posts = [...new Set((args.posts || []).flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== ''))];
  const unknown = posts.filter((p) => !POSTS.includes(p));
  if (unknown.length > 0) misuse(`unknown post ${unknown.join(', ')}`);
  if (posts.length > 0 && !schoolRole) misuse(`--posts is not allowed for ${args.role}`);
  return {
    role: args.role,
    ...(schoolRole && { schoolId: args.school }),
    ...(args.name !== undefined && { name: args.name }),
    ...(posts.length > 0 && { posts }),
  };
}

const REFUSAL = `token: development tokens are off. This script mints tokens only with HOUQIN_DEV_AUTH=1, for a platform
started with HOUQIN_DEV_AUTH=1 npm start (the tests set it themselves). Otherwise log in with identity:
POST http://127.0.0.1:3100/api/identity/auth/login (the demo accounts are in .run/demo-accounts.txt).
token：开发令牌未开启。仅在设置 HOUQIN_DEV_AUTH=1 时签发（平台须以 HOUQIN_DEV_AUTH=1 npm start 启动）；
否则请通过身份服务登录：POST /api/identity/auth/login（演示账号见 .run/demo-accounts.txt）。
`;

/**
 * Only under the explicit development switch HOUQIN_DEV_AUTH=1 (never with NODE_ENV=production, as libs/auth), and
 * then with the key the services use in that mode: JWT_PRIVATE_KEY (RS256) or JWT_SECRET when set, else the published
 * development secret.
 */
function signingKey(env) {
  const read = (name) => (env[name] || '').trim() || undefined;
  if (read('HOUQIN_DEV_AUTH') !== '1') {
    process.stderr.write(REFUSAL);
    process.exit(1);
  }
  if (read('NODE_ENV') === 'production') {
    process.stderr.write('token: HOUQIN_DEV_AUTH=1 is refused with NODE_ENV=production / 生产环境不签发开发令牌\n');
    process.exit(1);
  }
  const privateKey = read('JWT_PRIVATE_KEY');
  if (privateKey) return { algorithm: 'RS256', key: privateKey.replace(/\\n/g, '\n') };
  const secret = read('JWT_SECRET');
  if (secret) return { algorithm: 'HS256', key: secret };
  return { algorithm: 'HS256', key: DEV_JWT_SECRET };
}

function main() {
  const args = parse(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const claims = claimsOf(args);
  const { algorithm, key } = signingKey(process.env);
  const ttl = /^\d+$/.test(args.ttl) ? Number(args.ttl) : args.ttl;
  const token = jwt.sign(claims, key, {
    algorithm,
    expiresIn: ttl,
    subject: args.sub,
    audience: (process.env.JWT_AUDIENCE || '').trim() || 'houqin',
    issuer: (process.env.JWT_ISSUER || '').trim() || 'houqin-dev',
  });
  process.stdout.write(`${token}\n`);
}

main();
