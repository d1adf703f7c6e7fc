import type { AuthUser } from '../roles.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the authenticate middleware when the session cookie is valid. */
    user?: AuthUser;
  }
}
