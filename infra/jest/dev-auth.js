// Jest setup: the tests mint development tokens (see HOUQIN_DEV_AUTH in libs/auth/src/config.ts).
process.env.HOUQIN_DEV_AUTH ??= '1';
