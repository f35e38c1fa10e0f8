import { winston, formats } from '@strapi/logger';

// LOG_LEVEL=error keeps test and import output readable; the default shows every request.
export default ({ env }) => ({
  transports: [
    new winston.transports.Console({
      level: env('LOG_LEVEL', 'http'),
      format: formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
    }),
  ],
});
