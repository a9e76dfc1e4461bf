// A real OpenID provider for the single sign-on tests (oidc-provider, on loopback): one confidential client, the
// development login form (any password), consent granted up front as an organisation's identity provider does for
// its own applications, and accounts read afresh from a JSON file at each sign-in, so that a test can change
// someone's e-mail address at the provider. tests/oidc/provider.py starts it.
//
// With --one-login-client-id it stands in for GOV.UK One Login too: a second client, for the complainant's own view,
// that proves itself at the token endpoint with private_key_jwt (its public key in --one-login-jwks, a JWK set as
// JSON) and is given ID tokens signed with ES256, as One Login's are by default.
//
//   node tests/oidc/provider.mjs --port 5000 --issuer http://127.0.0.1:5000 --client-id c --client-secret s \
//     --redirect-uri http://testserver/sign-in/organisation/callback/ --accounts accounts.json \
//     [--one-login-client-id o --one-login-redirect-uri http://testserver/your-case/sign-in/callback/ \
//      --one-login-jwks '{"keys": [...]}']
//
// accounts.json: {"<subject>": {"email": "…", "email_verified": true}, …}; the login form's "login" is the subject.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string' },
    issuer: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string' },
    accounts: { type: 'string' },
    'one-login-client-id': { type: 'string' },
    'one-login-redirect-uri': { type: 'string' },
    'one-login-jwks': { type: 'string' },
  },
});

// A signing key of this run's own, published at /jwks, rather than the library's well-known development key.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };
const { privateKey: ecPrivateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecSigningKey = { ...ecPrivateKey.export({ format: 'jwk' }), kid: 'test-ec-signing-key', alg: 'ES256', use: 'sig' };

const clients = [
  {
    client_id: options['client-id'],
    client_secret: options['client-secret'],
    redirect_uris: [options['redirect-uri']],
    token_endpoint_auth_method: 'client_secret_post',
  },
];
if (options['one-login-client-id']) {
  clients.push({
    client_id: options['one-login-client-id'],
    redirect_uris: [options['one-login-redirect-uri']],
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'RS256',
    jwks: JSON.parse(options['one-login-jwks']),
    id_token_signed_response_alg: 'ES256',
  });
}

const provider = new Provider(options.issuer, {
  clients,
  jwks: { keys: [signingKey, ecSigningKey] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, subject) {
    const account = JSON.parse(readFileSync(options.accounts, 'utf8'))[subject];
    if (account === undefined) return undefined;
    return { accountId: subject, claims: async () => ({ sub: subject, ...account }) };
  },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email');
    await grant.save();
    return grant;
  },
});

provider.listen(Number(options.port), '127.0.0.1');
