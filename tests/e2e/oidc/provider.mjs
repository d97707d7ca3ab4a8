// A certified OpenID provider (panva/oidc-provider) on loopback, for the single sign-on tests
// only. Prints "listening <issuer>" once it serves. Any e-mail signs in (sub = e-mail); the
// sign-in form's checkbox says whether a second factor was used (amr). POST /test/skew?seconds=N
// moves the provider's clock, so a token comes out already expired. RP-initiated logout: the
// provider asks "Sign out at the test provider?" (its own form, as a real provider does), and
// GET /test/session says whether this browser still has a session here.
import http from 'node:http';

import Provider from 'oidc-provider';

const realNow = Date.now;
let skewMs = 0;
Date.now = () => realNow() + skewMs;

const clients = JSON.parse(process.env.OIDC_CLIENTS || '[]');
let provider;

const page = (uid) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Test provider</title></head>
<body><main><h1>Test identity provider</h1>
<form method="post" action="/interaction/${uid}">
<p><label for="login">E-mail</label> <input id="login" name="login" type="email" required></p>
<p><input id="mfa" name="mfa" type="checkbox" value="1"> <label for="mfa">Second factor used</label></p>
<p><button type="submit">Sign in</button></p></form></main></body></html>`;

async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

async function interaction(req, res, uid) {
  if (req.method === 'GET') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(page(uid));
    return;
  }
  const form = await body(req);
  const mfa = form.get('mfa') === '1';
  await provider.interactionFinished(req, res, {
    login: { accountId: (form.get('login') || '').trim(), amr: mfa ? ['pwd', 'mfa'] : ['pwd'] },
  });
}

const logoutPage = (form) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign out</title></head>
<body><main><h1>Sign out at the test provider?</h1>
${form.replace('</form>', '<input type="hidden" name="logout" value="yes"><button type="submit">Yes, sign me out</button></form>')}
</main></body></html>`;

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const match = url.pathname.match(/^\/interaction\/([\w-]+)$/);
  try {
    if (match) return await interaction(req, res, match[1]);
    if (url.pathname === '/test/skew' && req.method === 'POST') {
      skewMs = Number(url.searchParams.get('seconds') || '0') * 1000;
      res.end('ok');
      return undefined;
    }
    if (url.pathname === '/test/session' && req.method === 'GET') {
      const ctx = provider.createContext(req, res);
      const session = await provider.Session.get(ctx);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ signedIn: Boolean(session.accountId) }));
      return undefined;
    }
  } catch (error) {
    res.statusCode = 400;
    res.end(String(error));
    return undefined;
  }
  return provider.callback()(req, res);
}

const server = http.createServer((req, res) => { handle(req, res); });
server.listen(Number(process.env.OIDC_PORT || 0), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = new Provider(issuer, {
    clients,
    pkce: { required: () => true },
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.body = logoutPage(form);
        },
      },
    },
    interactions: { url: (_ctx, found) => `/interaction/${found.uid}` },
    cookies: { keys: ['kwportal-test-provider-only'] },
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        claims: async () => ({ sub, email: sub, email_verified: !sub.startsWith('unverified') }),
      };
    },
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email');
      grant.addOIDCClaims(['email', 'email_verified']);
      await grant.save();
      return grant;
    },
  });
  process.stdout.write(`listening ${issuer}\n`);
});
