import { DocumentBuilder } from '@nestjs/swagger';

/** Name of the Swagger security scheme; pair `addBearerAuthTo(builder)` with `@ApiBearerAuth(BEARER_AUTH)`. */
export const BEARER_AUTH = 'bearer';

export const addBearerAuthTo = (builder: DocumentBuilder): DocumentBuilder =>
  builder.addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH);
