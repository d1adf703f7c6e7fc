import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import express, { type Express, type Request, type Response } from 'express';
import { pinoHttp } from 'pino-http';
import { RouteRegistry } from './route-registry.js';
import { createServices, type ApiDeps } from './services/container.js';
import { authenticate, registerAuthRoutes } from './routes/auth.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerOrganisationRoutes } from './routes/organisations.js';
import { registerBodyRoutes } from './routes/bodies.js';
import { registerUserRoutes } from './routes/users.js';
import { registerCertificateRoutes } from './routes/certificates.js';
import { registerEnforcementItemRoutes } from './routes/enforcement-items.js';
import { registerCalendarRoutes } from './routes/calendar.js';
import { registerTaskRoutes } from './routes/tasks.js';
import { registerEvidenceRoutes } from './routes/evidence.js';
import { registerDocumentRoutes } from './routes/documents.js';
import { registerCaseRoutes } from './routes/cases.js';
import { buildOpenApi } from './openapi.js';
import { errorHandler } from './middleware/error-handler.js';
import { NotFoundError } from './errors.js';

export type { ApiDeps } from './services/container.js';

const API_VERSION = '0.1.0';

/** Builds the Express app (API under /api, the console at /). It does not listen: main.ts does. */
export function createApp(deps: ApiDeps): Express {
  const services = createServices(deps);
  const registry = new RouteRegistry();
  registerHealthRoutes(registry, services);
  registerAuthRoutes(registry, services);
  registerOrganisationRoutes(registry, services);
  registerBodyRoutes(registry, services);
  registerUserRoutes(registry, services);
  registerCertificateRoutes(registry, services);
  registerEnforcementItemRoutes(registry, services);
  registerCalendarRoutes(registry, services);
  registerTaskRoutes(registry, services);
  registerEvidenceRoutes(registry, services);
  registerDocumentRoutes(registry, services);
  registerCaseRoutes(registry, services);
  const openApi = buildOpenApi(registry, API_VERSION);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => !req.url?.startsWith('/api') },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(authenticate(services));
  api.get('/docs/openapi.json', (_req, res) => res.json(openApi));
  api.use('/docs', swaggerUi());
  api.use(registry.router());
  api.use((req: Request) => {
    throw new NotFoundError(`Expected an API route for ${req.method} ${req.originalUrl}, but there is none`);
  });
  app.use('/api', api);

  if (deps.webDist && existsSync(path.join(deps.webDist, 'index.html'))) {
    const webDist = deps.webDist;
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    // history-mode routes of the console all load index.html
    app.get(/^\/(?!api\/).*/, (_req: Request, res: Response) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(webDist, 'index.html'));
    });
  }
  app.use(errorHandler(deps.log));
  return app;
}

/** Swagger UI from swagger-ui-dist, pointed at our description. */
function swaggerUi(): express.Router {
  const router = express.Router();
  const require = createRequire(import.meta.url);
  const assets = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.get('/', (req, res, next) => {
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, `${req.baseUrl}/`);
    if (req.accepts(['html', 'json']) === 'json') return res.redirect(302, `${req.baseUrl}/openapi.json`);
    res.type('html').send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>API · 行政执法一体化平台</title>
<link rel="stylesheet" href="swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="swagger-ui-bundle.js"></script><script src="init.js"></script></body></html>`);
    void next;
  });
  router.get('/init.js', (_req, res) => {
    res.type('js').send(`window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui' });`);
  });
  router.use(express.static(assets, { index: false }));
  return router;
}
